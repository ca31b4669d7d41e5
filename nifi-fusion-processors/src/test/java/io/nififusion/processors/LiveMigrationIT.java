package io.nififusion.processors;

import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;
import io.nififusion.processors.verify.VerificationAttributes;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.nifi.util.MockFlowFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The convergence guarantee end to end: ListHDFSChanges → ReplicateToADLS → VerifyChecksum on a real HDFS that keeps
 * changing while the migration runs, into the emulator through the real SDK. Once the source is quiet and the queues
 * are drained, the target holds exactly the source tree, byte for byte, and a deep audit finds no difference.
 */
class LiveMigrationIT {
    private static final String FILESYSTEM = "migration";
    private static final String SOURCE_ROOT = "/warehouse";
    private static final String TARGET_ROOT = "hdinsight/warehouse";

    @RegisterExtension
    static final MigrationTestbed TESTBED = new MigrationTestbed(FILESYSTEM);
    private static final MiniDfsExtension HDFS = TESTBED.hdfs();

    @Test
    void changesDuringTheMigrationConvergeToAVerifiedCopy() throws Exception {
        for (int i = 0; i < 24; i++) {
            HDFS.writeRandom(SOURCE_ROOT + "/sales/2025/part-" + String.format("%04d", i) + ".csv", 100 + i * 37, i);
        }
        HDFS.writeRandom(SOURCE_ROOT + "/big/multi-block.bin", (int) (2.5 * MiniDfsExtension.SMALL_BLOCK_SIZE) + 7, 99);
        HDFS.write(SOURCE_ROOT + "/empty.txt", new byte[0]);
        HDFS.write(SOURCE_ROOT + "/special/a b%#+日本.txt", "names ADLS must keep".getBytes(StandardCharsets.UTF_8));

        final MigrationPipeline pipeline = new MigrationPipeline(HDFS, TESTBED.emulator(), TESTBED.configurationDirectory(), FILESYSTEM, SOURCE_ROOT, TARGET_ROOT);

        // The first records leave the listing mid-scan; the source keeps changing while the scan and the copies run
        assertTrue(pipeline.step() > 0, "the scan emitted its first records");
        HDFS.append(SOURCE_ROOT + "/sales/2025/part-0001.csv", "appended while migrating\n".getBytes(StandardCharsets.UTF_8));
        HDFS.writeRandom(SOURCE_ROOT + "/sales/2025/part-0002.csv", 5000, 1234);
        HDFS.delete(SOURCE_ROOT + "/sales/2025/part-0003.csv");
        HDFS.rename(SOURCE_ROOT + "/sales/2025", SOURCE_ROOT + "/sales/2025-archive");
        HDFS.writeRandom(SOURCE_ROOT + "/sales/2026/part-0000.csv", 777, 2026);
        HDFS.mkdirs(SOURCE_ROOT + "/staging/empty-directory");
        HDFS.writeRandom("/outside/not-migrated.bin", 100, 5);
        HDFS.rename("/outside/not-migrated.bin", SOURCE_ROOT + "/moved-in.bin");

        pipeline.runUntilQuiet(400);

        assertTargetEqualsSource();

        final MockFlowFile report = pipeline.audit(VerificationDepthOption.DEEP);
        assertEquals("0", report.getAttribute(VerificationAttributes.DIFFERENCES), report.getContent());
        assertEquals(Integer.toString(sourceFiles().size()), report.getAttribute(VerificationAttributes.FILES_CHECKED));
    }

    private static void assertTargetEqualsSource() throws Exception {
        final Map<String, FileStatus> source = sourceTree();
        final Map<String, PathItem> targetTree = new TreeMap<>();
        for (final PathItem item : TESTBED.target().listPaths(new ListPathsOptions().setPath(TARGET_ROOT).setRecursive(true), null)) {
            targetTree.put(item.getName().substring(TARGET_ROOT.length()), item);
        }
        assertEquals(source.keySet(), targetTree.keySet(), "same paths, nothing extra");
        for (final Map.Entry<String, FileStatus> entry : source.entrySet()) {
            final PathItem item = targetTree.get(entry.getKey());
            assertEquals(entry.getValue().isDirectory(), item.isDirectory(), entry.getKey());
            if (!item.isDirectory()) {
                final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                TESTBED.target().getFileClient(item.getName()).read(bytes);
                assertArrayEquals(HDFS.read(SOURCE_ROOT + entry.getKey()), bytes.toByteArray(), entry.getKey());
            }
        }
    }

    private static List<String> sourceFiles() throws Exception {
        final List<String> files = new ArrayList<>();
        for (final Map.Entry<String, FileStatus> entry : sourceTree().entrySet()) {
            if (entry.getValue().isFile()) {
                files.add(entry.getKey());
            }
        }
        return files;
    }

    /** Every path below the source root, relative to it (with a leading slash), files and directories. */
    private static Map<String, FileStatus> sourceTree() throws Exception {
        final Map<String, FileStatus> tree = new TreeMap<>();
        collect(new Path(SOURCE_ROOT), tree);
        return tree;
    }

    private static void collect(final Path directory, final Map<String, FileStatus> tree) throws Exception {
        final RemoteIterator<LocatedFileStatus> children = HDFS.getFileSystem().listLocatedStatus(directory);
        while (children.hasNext()) {
            final LocatedFileStatus child = children.next();
            final String relative = child.getPath().toUri().getPath().substring(SOURCE_ROOT.length());
            tree.put(relative, child);
            if (child.isDirectory()) {
                collect(child.getPath(), tree);
            }
        }
    }
}
