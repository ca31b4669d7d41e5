package io.nififusion.abfs;

import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.MigrationPipeline;
import io.nififusion.processors.replicate.PreserveMetadataOption;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.processors.verify.VerificationAttributes;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.AclStatus;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.nifi.util.MockFlowFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a Spark job on HDInsight sees after a migration: the shipped pipeline (ListHDFSChanges → ReplicateToADLS, real
 * services in nifi-mock runners) migrates a tree from a MiniDFSCluster into the emulator through the Azure SDK, then
 * Hadoop's ABFS driver lists and reads it back and finds the same tree, the same bytes and the mapped metadata.
 */
class MigratedTreeThroughAbfsIT {
    private static final String FILESYSTEM = "lake";
    private static final String SOURCE_ROOT = "/data";
    private static final String TARGET_ROOT = "hdinsight/data";
    private static final String ETL = "11111111-aaaa-4000-8000-000000000001";
    private static final String ANALYSTS = "22222222-bbbb-4000-8000-000000000002";
    private static final String ALICE = "33333333-cccc-4000-8000-000000000003";

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE).build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    @TempDir
    static java.nio.file.Path workDirectory;

    @Test
    void abfsListsAndReadsTheMigratedTreeWithItsBytesAndMetadata() throws Exception {
        HDFS.writeRandom(SOURCE_ROOT + "/warehouse/sales/year=2025/part-00000.parquet", (int) (2.5 * MiniDfsExtension.SMALL_BLOCK_SIZE) + 13, 1);
        HDFS.writeRandom(SOURCE_ROOT + "/warehouse/sales/year=2025/part-00001.parquet", 70_000, 2);
        HDFS.write(SOURCE_ROOT + "/warehouse/sales/year=2025/_SUCCESS", new byte[0]);
        HDFS.write(SOURCE_ROOT + "/odd names/with space.txt", utf8("space"));
        HDFS.write(SOURCE_ROOT + "/odd names/100%.csv", utf8("percent"));
        HDFS.write(SOURCE_ROOT + "/odd names/#hash+plus.txt", utf8("hash and plus"));
        HDFS.write(SOURCE_ROOT + "/odd names/ünïcødé-データ.txt", utf8("non-ASCII"));
        HDFS.mkdirs(SOURCE_ROOT + "/empty-dir");
        HDFS.write(SOURCE_ROOT + "/secure/report.csv", utf8("id,amount\n1,100\n"));
        final Path secure = new Path(SOURCE_ROOT + "/secure");
        final Path report = new Path(SOURCE_ROOT + "/secure/report.csv");
        HDFS.chmod(SOURCE_ROOT + "/secure", (short) 0750);
        HDFS.chmod(SOURCE_ROOT + "/secure/report.csv", (short) 0640);
        HDFS.getFileSystem().setOwner(report, "etl", "analysts");
        HDFS.getFileSystem().setOwner(secure, "etl", "analysts");
        HDFS.getFileSystem().modifyAclEntries(report, AclEntry.parseAclSpec("user:alice:r--", true));
        HDFS.getFileSystem().modifyAclEntries(secure, AclEntry.parseAclSpec("user:alice:r-x,default:user:alice:r-x", true));

        final java.nio.file.Path mapping = Files.writeString(workDirectory.resolve("identities.txt"),
                "user:etl=" + ETL + "\ngroup:analysts=" + ANALYSTS + "\nuser:alice=" + ALICE + "\n");
        FusionTestServices.createFileSystem(ADLS.getEmulator(), FILESYSTEM);
        final MigrationPipeline pipeline = new MigrationPipeline(HDFS, ADLS.getEmulator(), workDirectory.resolve("conf"), FILESYSTEM,
                SOURCE_ROOT, TARGET_ROOT);
        pipeline.getReplicator().setProperty(ReplicateToADLS.PRESERVE_METADATA, PreserveMetadataOption.ALL);
        pipeline.getReplicator().setProperty(ReplicateToADLS.IDENTITY_MAPPING_FILE, mapping.toString());
        pipeline.runUntilQuiet(100);
        final MockFlowFile audit = pipeline.audit(VerificationDepthOption.DEEP);
        assertEquals("0", audit.getAttribute(VerificationAttributes.DIFFERENCES), audit.getContent());

        try (AzureBlobFileSystem abfs = AbfsClients.open(ADLS.getEmulator(), FILESYSTEM)) {
            final Path targetRoot = new Path("/" + TARGET_ROOT);
            final Map<String, FileStatus> source = FileTrees.walk(HDFS.getFileSystem(), new Path(SOURCE_ROOT));
            final Map<String, FileStatus> target = FileTrees.walk(abfs, targetRoot);
            assertEquals(source.keySet(), target.keySet(), "the same tree, no temp files left");

            for (final Map.Entry<String, FileStatus> entry : source.entrySet()) {
                final FileStatus expected = entry.getValue();
                final FileStatus actual = target.get(entry.getKey());
                assertEquals(expected.isDirectory(), actual.isDirectory(), entry.getKey());
                assertEquals(expected.getPermission(), actual.getPermission(), entry.getKey() + " permission");
                assertEquals(expected.hasAcl(), actual.hasAcl(), entry.getKey() + " has an ACL");
                if (expected.isFile()) {
                    final byte[] bytes = HDFS.read(SOURCE_ROOT + entry.getKey());
                    assertEquals(expected.getLen(), actual.getLen(), entry.getKey());
                    final Path targetPath = new Path(targetRoot, entry.getKey().substring(1));
                    assertArrayEquals(bytes, AbfsDriverIT.read(abfs, targetPath), entry.getKey() + " bytes");
                    final CRC32C crc = new CRC32C();
                    crc.update(bytes);
                    assertArrayEquals(Crc32cFormat.format(crc.getValue()).getBytes(StandardCharsets.US_ASCII),
                            abfs.getXAttr(targetPath, "fusion_crc32c"), entry.getKey() + ": the recorded CRC32C, read as an xattr");
                }
            }

            final Path targetReport = new Path(targetRoot, "secure/report.csv");
            final FileStatus reportStatus = abfs.getFileStatus(targetReport);
            assertEquals(ETL, reportStatus.getOwner());
            assertEquals(ANALYSTS, reportStatus.getGroup());
            final AclStatus reportAcl = abfs.getAclStatus(targetReport);
            assertTrue(reportAcl.getEntries().contains(AclEntry.parseAclEntry("user:" + ALICE + ":r--", true)), reportAcl.toString());
            final AclStatus secureAcl = abfs.getAclStatus(new Path(targetRoot, "secure"));
            assertTrue(secureAcl.getEntries().containsAll(List.of(AclEntry.parseAclEntry("user:" + ALICE + ":r-x", true),
                    AclEntry.parseAclEntry("default:user:" + ALICE + ":r-x", true))), secureAcl.toString());
            assertEquals(new FsPermission((short) 0750), abfs.getFileStatus(new Path(targetRoot, "secure")).getPermission());
        }
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
