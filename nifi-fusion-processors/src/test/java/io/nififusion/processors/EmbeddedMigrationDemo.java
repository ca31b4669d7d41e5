package io.nififusion.processors;

import io.nififusion.processors.verify.VerificationAttributes;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.nifi.util.MockFlowFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The main job on embedded defaults: a real HDFS (MiniDFSCluster) in production use migrates to the ADLS Gen2
 * emulator through ListHDFSChanges → ReplicateToADLS, then VerifyChecksum proves the copy with a deep audit.
 * No cloud account, no NiFi server: the processors run in nifi-mock runners with the real services.
 * <p>
 * Arguments: {@code [files] [largeFileMiB]} (defaults 200 and 64). Exits 1 when the audit finds a difference.
 */
public final class EmbeddedMigrationDemo {
    private static final String SOURCE_ROOT = "/warehouse";
    private static final String TARGET_ROOT = "hdinsight/warehouse";
    private static final String FILESYSTEM = "demo";

    private EmbeddedMigrationDemo() {
    }

    public static void main(final String[] arguments) throws Exception {
        final int files = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 200;
        final int largeFileMebibytes = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 64;
        final Path workDirectory = Files.createTempDirectory("nifi-fusion-demo");
        final MiniDfsExtension hdfs = MiniDfsExtension.builder().blockSize(8L * 1024 * 1024).build();
        hdfs.start();
        try (AdlsEmulator emulator = AdlsEmulator.builder().dataDirectory(workDirectory.resolve("adls")).build().start()) {
            emulator.setFlushMd5Checked(true);
            System.out.printf("HDFS  %s (MiniDFSCluster)%nADLS  %s (emulator, account %s)%n", hdfs.getUri(), emulator.getEndpoint(), emulator.getAccountName());
            FusionTestServices.createFileSystem(emulator, FILESYSTEM);

            long sourceBytes = 0;
            for (int i = 0; i < files; i++) {
                final int length = 1024 + (i * 7919) % (256 * 1024);
                hdfs.writeRandom(String.format(Locale.ROOT, "%s/sales/day=%02d/part-%05d.csv", SOURCE_ROOT, i % 30, i), length, i);
                sourceBytes += length;
            }
            hdfs.writeRandom(SOURCE_ROOT + "/models/large.bin", largeFileMebibytes * 1024 * 1024, 42);
            sourceBytes += (long) largeFileMebibytes * 1024 * 1024;
            System.out.printf("Source: %d files + one %d MiB file under %s (%.1f MiB)%n", files, largeFileMebibytes, SOURCE_ROOT, sourceBytes / 1048576.0);

            final MigrationPipeline pipeline = new MigrationPipeline(hdfs, emulator, workDirectory.resolve("configuration"), FILESYSTEM, SOURCE_ROOT, TARGET_ROOT);
            final long started = System.nanoTime();
            pipeline.step();
            System.out.println("Production keeps writing while the migration runs: append, overwrite, delete, rename, new files");
            hdfs.append(SOURCE_ROOT + "/sales/day=01/part-00001.csv", "late row\n".getBytes(StandardCharsets.UTF_8));
            hdfs.writeRandom(SOURCE_ROOT + "/sales/day=02/part-00002.csv", 4096, 2);
            hdfs.delete(SOURCE_ROOT + "/sales/day=03");
            hdfs.rename(SOURCE_ROOT + "/sales/day=04", SOURCE_ROOT + "/sales/day=04-corrected");
            hdfs.writeRandom(SOURCE_ROOT + "/sales/day=31/part-99999.csv", 10_000, 99);
            pipeline.runUntilQuiet(10_000);
            final double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Replicated: %d records listed, %d bytes copied in %.1f s, %d retries%n",
                    pipeline.getRecordsListed(), pipeline.getCounter("Bytes Copied"), seconds, pipeline.getRetries());

            final MockFlowFile report = pipeline.audit(VerificationDepthOption.DEEP);
            final String differences = report.getAttribute(VerificationAttributes.DIFFERENCES);
            System.out.printf("Deep audit of %s: %s files checked, %s bytes read back, %s differences%n", SOURCE_ROOT,
                    report.getAttribute(VerificationAttributes.FILES_CHECKED), report.getAttribute(VerificationAttributes.BYTES_CHECKED), differences);
            if (!"0".equals(differences)) {
                System.out.println(report.getContent());
                System.exit(1);
            }
            System.out.println("Target equals source.");
        } finally {
            hdfs.stop();
        }
        System.exit(0);
    }

}
