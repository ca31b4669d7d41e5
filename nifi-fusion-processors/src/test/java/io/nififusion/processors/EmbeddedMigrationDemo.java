package io.nififusion.processors;

import io.nififusion.core.license.LicenseIssuer;
import io.nififusion.processors.flow.FlowRunner;
import io.nififusion.processors.flow.ProgressLine;
import io.nififusion.processors.flow.ShippedFlow;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.hdfs.MiniDfsExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main job on embedded defaults, driven by the shipped flow definitions: templates/hdfs-to-adls-live-migration.json
 * (ListHDFSChanges → ReplicateToADLS → VerifyChecksum, with its bounded mismatch loop) moves a real HDFS
 * (MiniDFSCluster) that keeps changing to the ADLS Gen2 emulator, then templates/verification-audit.json runs its deep
 * tree audit. Every processor and service is configured from the flow's properties and Parameter Context defaults;
 * only the environment's parameters (Hadoop configuration, storage account, endpoint, key, license) are set here, as
 * an operator fills the Parameter Context after importing. No cloud account, no NiFi server: the processors run in
 * nifi-mock runners with the real services.
 * <p>
 * Arguments: {@code [files] [largeFileMiB]} (defaults 200 and 64). Exit code 0 only when the target converged: the
 * deep audit found no difference and no record ended at an operators' port.
 */
public final class EmbeddedMigrationDemo {
    private static final String FILESYSTEM = "demo";
    private static final String TARGET_ROOT = "hdinsight/data";
    private static final int REPLICATION_TRIGGERS_PER_ROUND = 20;
    private static final int ROUNDS_PER_LISTING = 3;
    private static final int MAX_ITERATIONS = 200;
    /** When the copied-bytes counter last moved, and its value then: throughput is measured over the time bytes flowed. */
    private static final long[] LAST_COPY_NANOS = new long[2];
    private static final List<String> LIVE_CHANGES = List.of("append", "overwrite", "directory delete", "directory rename", "new files",
            "log rotation", "append after rotation");

    private EmbeddedMigrationDemo() {
    }

    public static void main(final String[] arguments) throws Exception {
        final int files = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 200;
        final int largeFileMebibytes = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 64;
        System.exit(run(files, largeFileMebibytes) ? 0 : 1);
    }

    static boolean run(final int files, final int largeFileMebibytes) throws Exception {
        final Path workDirectory = Files.createTempDirectory("nifi-fusion-demo");
        final MiniDfsExtension hdfs = MiniDfsExtension.builder().blockSize(8L * 1024 * 1024).build();
        hdfs.start();
        try (AdlsEmulator emulator = AdlsEmulator.builder().dataDirectory(workDirectory.resolve("adls")).build().start()) {
            emulator.setFlushMd5Checked(true);
            FusionTestServices.createFileSystem(emulator, FILESYSTEM);
            final LicenseIssuer issuer = LicenseIssuer.withNewKeyPair();
            final ShippedFlow migration = withEmbeddedEnvironment(ShippedFlow.load("hdfs-to-adls-live-migration.json"), hdfs, emulator, issuer,
                    workDirectory.resolve("configuration"));
            final String root = migration.resolve("#{source.roots}");
            System.out.printf("HDFS  %s (MiniDFSCluster)%nADLS  %s (emulator, account %s, filesystem %s)%n", hdfs.getUri(), emulator.getEndpoint(),
                    emulator.getAccountName(), FILESYSTEM);
            System.out.printf("Flow  %s: %d parameters, %d set for this environment:%n", migration.file(), migration.parameterCount(),
                    migration.environment().size());
            for (final Map.Entry<String, String> parameter : migration.environment().entrySet()) {
                System.out.printf("        %s = %s%n", parameter.getKey(), parameter.getValue());
            }

            final SampleDataset dataset = SampleDataset.write(hdfs, root, files, largeFileMebibytes);
            System.out.printf("Source: %d files in %d directories under %s, %.1f MiB (small files, one %d MiB file of %d blocks, an application log)%n",
                    dataset.files(), dataset.directories(), root, dataset.bytes() / 1048576.0, largeFileMebibytes,
                    (largeFileMebibytes * 1024L * 1024 + hdfs.getBlockSize() - 1) / hdfs.getBlockSize());

            final FlowRunner pipeline = new FlowRunner(migration);
            System.out.printf("Pipeline from the flow: %d processors, %d controller services%n", pipeline.processorCount(), pipeline.serviceCount());
            final List<String> changes = LIVE_CHANGES;
            final ProgressLine progress = new ProgressLine(System.out);
            final long started = System.nanoTime();
            long listed = 0;
            int quietListings = 0;
            int changesApplied = 0;
            for (int iteration = 0; iteration < MAX_ITERATIONS && quietListings < 3; iteration++) {
                final int emitted = pipeline.triggerSources();
                listed += emitted;
                final long listedSoFar = listed;
                final int appliedSoFar = changesApplied;
                pipeline.drain(REPLICATION_TRIGGERS_PER_ROUND, ROUNDS_PER_LISTING,
                        () -> show(progress, pipeline, listedSoFar, appliedSoFar, changes.size(), started));
                if (changesApplied < changes.size()) {
                    // Production keeps working while records of the earlier state are still queued
                    applyChange(hdfs, root, changesApplied++);
                    quietListings = 0;
                } else {
                    quietListings = emitted == 0 && pipeline.queued() == 0 ? quietListings + 1 : 0;
                }
            }
            show(progress, pipeline, listed, changesApplied, changes.size(), started);
            progress.finish();
            final long bytesCopied = pipeline.counter("Bytes Copied");
            final double seconds = (LAST_COPY_NANOS[0] - started) / 1e9;
            final long changeRecords = pipeline.routed().entrySet().stream().filter(entry -> entry.getKey().startsWith("List HDFS Changes")).mapToLong(Map.Entry::getValue).sum();

            final ShippedFlow auditFlow = withEmbeddedEnvironment(ShippedFlow.load("verification-audit.json"), hdfs, emulator, issuer,
                    workDirectory.resolve("configuration-audit"));
            final FlowRunner audit = new FlowRunner(auditFlow);
            final long auditStarted = System.nanoTime();
            audit.triggerSources();
            final double auditSeconds = (System.nanoTime() - auditStarted) / 1e9;
            final List<FlowRunner.PortArrival> reports = audit.arrivals().stream().filter(arrival -> arrival.port().equals("Discrepancy Reports")).toList();

            System.out.println();
            System.out.println("Summary");
            System.out.printf("  source            %d files, %.1f MiB under %s%n", dataset.files(), dataset.bytes() / 1048576.0, root);
            System.out.printf("  live changes      %d made during replication: %s%n", changes.size(), String.join(", ", changes));
            System.out.printf("  records           %d listed (scan and change stream), %d applied, %d retried%n", changeRecords,
                    pipeline.routed("Replicate to ADLS", "success"), pipeline.routed("Replicate to ADLS", "retry"));
            System.out.printf("  copied            %d files, %.1f MiB in %.1f s of replication: %.1f MiB/s%n", pipeline.counter("Files Copied"), bytesCopied / 1048576.0, seconds,
                    bytesCopied / 1048576.0 / Math.max(seconds, 0.001));
            System.out.printf("  verified on copy  %d verified, %d changed since (a later record verified them), %d sent back to replication%n",
                    pipeline.routed("Verify Checksum", "verified"), pipeline.routed("Verify Checksum", "changed"),
                    pipeline.routed("Bound Re-replication", "retry"));
            boolean converged = quietListings >= 3;
            if (!converged) {
                System.out.printf("  NOT DRAINED       %d records still queued after %d listings; routed so far: %s%n", pipeline.queued(), MAX_ITERATIONS,
                        pipeline.routed());
                System.out.printf("  last retried      %s%n", pipeline.lastRouted("Replicate to ADLS", "retry"));
                System.out.printf("  last re-verified  %s%n", pipeline.lastRouted("Verify Checksum", "retry"));
            }
            for (final FlowRunner.PortArrival arrival : pipeline.arrivals()) {
                converged = false;
                System.out.printf("  AT PORT %s: %s %s (%s)%n", arrival.port(), arrival.attributes().get("fusion.op"), arrival.attributes().get("hdfs.path"),
                        arrival.attributes().getOrDefault("fusion.error.message", arrival.attributes().get("fusion.verify.explanation")));
            }
            if (reports.size() != 1) {
                System.out.println("  deep audit        did not report: " + audit.arrivals());
                return false;
            }
            final Map<String, String> summary = reports.get(0).attributes();
            final String differences = summary.get("fusion.verify.differences");
            System.out.printf("  deep audit        %s files, %.1f MiB read back from ADLS in %.1f s, %s differences%n", summary.get("fusion.verify.files.checked"),
                    Long.parseLong(summary.getOrDefault("fusion.verify.bytes.read", "0")) / 1048576.0, auditSeconds, differences);
            if (!"0".equals(differences)) {
                converged = false;
                System.out.println(reports.get(0).content());
            }
            System.out.println(converged ? "CONVERGED: the target equals the source." : "NOT CONVERGED: see above.");
            return converged;
        } finally {
            hdfs.stop();
        }
    }

    /** The environment's parameters: everything else comes from the flow definition's defaults. */
    private static ShippedFlow withEmbeddedEnvironment(final ShippedFlow flow, final MiniDfsExtension hdfs, final AdlsEmulator emulator,
                                                       final LicenseIssuer issuer, final Path configurationDirectory) throws Exception {
        return flow.set("source.hadoop.configuration.resources", hdfs.writeClientConfiguration(configurationDirectory).toString())
                .set("target.storage.account.name", emulator.getAccountName())
                .set("target.filesystem.name", FILESYSTEM)
                .set("target.endpoint.suffix", "custom")
                .set("target.custom.endpoint", emulator.getEndpoint())
                .set("target.account.key", emulator.getAccountKey())
                .set("target.target.root", TARGET_ROOT)
                .set("license.key", issuer.issue("nifi-fusion demo", Duration.ofDays(1)))
                .set("license.issuer.public.key", issuer.getPublicKeyText());
    }

    private static void applyChange(final MiniDfsExtension hdfs, final String root, final int index) {
        try {
            switch (index) {
                case 0 -> hdfs.append(root + "/sales/day=01/part-00001.csv", "late row\n".getBytes(StandardCharsets.UTF_8));
                case 1 -> hdfs.writeRandom(root + "/sales/day=02/part-00002.csv", 4096, 2);
                case 2 -> hdfs.delete(root + "/sales/day=03");
                case 3 -> hdfs.rename(root + "/sales/day=04", root + "/sales/day=04-corrected");
                case 4 -> {
                    hdfs.writeRandom(root + "/sales/day=31/part-99998.csv", 10_000, 98);
                    hdfs.writeRandom(root + "/sales/day=31/part-99999.csv", 20_000, 99);
                }
                case 5 -> {
                    hdfs.rename(root + "/logs/app.log", root + "/logs/app.log.1");
                    hdfs.write(root + "/logs/app.log", "started again\n".getBytes(StandardCharsets.UTF_8));
                }
                case 6 -> hdfs.append(root + "/logs/app.log", "request served\n".getBytes(StandardCharsets.UTF_8));
                default -> throw new IllegalArgumentException("No change " + index);
            }
        } catch (final Exception e) {
            throw new IllegalStateException("Live change " + index + " failed", e);
        }
    }

    private static void show(final ProgressLine progress, final FlowRunner pipeline, final long listed, final int changesApplied, final int changes,
                             final long started) {
        final double seconds = Math.max((System.nanoTime() - started) / 1e9, 0.001);
        final long bytes = pipeline.counter("Bytes Copied");
        if (bytes != LAST_COPY_NANOS[1]) {
            LAST_COPY_NANOS[0] = System.nanoTime();
            LAST_COPY_NANOS[1] = bytes;
        }
        progress.show("  %5.1f s  listed %d  queued %d  copied %d files %.1f MiB (%.1f MiB/s)  verified %d  live changes %d/%d", seconds, listed,
                pipeline.queued(), pipeline.counter("Files Copied"), bytes / 1048576.0, bytes / 1048576.0 / seconds,
                pipeline.routed("Verify Checksum", "verified"), changesApplied, changes);
    }

    /** Nested directories of small files, a multi-block file and an application log, written to the source before the migration starts. */
    private record SampleDataset(int files, int directories, long bytes) {
        static SampleDataset write(final MiniDfsExtension hdfs, final String root, final int smallFiles, final int largeFileMebibytes) throws Exception {
            long bytes = 0;
            for (int i = 0; i < smallFiles; i++) {
                final int length = 1024 + (i * 7919) % (256 * 1024);
                hdfs.writeRandom(String.format(Locale.ROOT, "%s/sales/day=%02d/part-%05d.csv", root, i % 30, i), length, i);
                bytes += length;
            }
            final int large = largeFileMebibytes * 1024 * 1024;
            hdfs.writeRandom(root + "/models/large.bin", large, 42);
            bytes += large;
            final byte[] log = "service started\n".getBytes(StandardCharsets.UTF_8);
            hdfs.write(root + "/logs/app.log", log);
            bytes += log.length;
            // day=NN directories under sales/, plus sales/, models/ and logs/
            return new SampleDataset(smallFiles + 2, Math.min(smallFiles, 30) + 3, bytes);
        }
    }
}
