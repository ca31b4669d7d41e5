package io.nififusion.abfs;

import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.tools.DistCp;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DistCp, the tool migrations are usually compared with, copying from a MiniDFSCluster into the emulator through ABFS
 * with MapReduce's local job runner, preserving permissions and ACLs: the peer the benchmarks measure ReplicateToADLS
 * against.
 */
class DistCpToAbfsIT {
    private static final String FILESYSTEM = "distcp";
    private static final String READER = "44444444-dddd-4000-8000-000000000004";

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE).build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    @TempDir
    static java.nio.file.Path localDirectory;

    @Test
    void copiesATreeWithPermissionsAndAclsThenAnUpdateCopiesOnlyWhatChanged() throws Exception {
        HDFS.writeRandom("/src/logs/2025/app.log", (int) (1.5 * MiniDfsExtension.SMALL_BLOCK_SIZE), 1);
        HDFS.writeRandom("/src/logs/2025/small.log", 4_000, 2);
        HDFS.write("/src/logs/empty.log", new byte[0]);
        HDFS.write("/src/odd name #1.txt", "odd".getBytes(StandardCharsets.UTF_8));
        HDFS.mkdirs("/src/empty-dir");
        HDFS.chmod("/src/logs/2025/small.log", (short) 0600);
        HDFS.chmod("/src/logs", (short) 0750);
        // Named entries are object ids, as an ACL on the service must be
        HDFS.getFileSystem().modifyAclEntries(new Path("/src/logs/2025/app.log"), AclEntry.parseAclSpec("user:" + READER + ":r--", true));

        try (AzureBlobFileSystem abfs = AbfsClients.open(ADLS.getEmulator(), FILESYSTEM)) {
            final String target = AbfsClients.uri(ADLS.getEmulator(), FILESYSTEM) + "copy";
            // -pa makes DistCp ask the target for the ACL of its root first: refused unless the namespace is detected
            assertEquals(0, distCp("-ppa", HDFS.getUri() + "/src", target));

            final Map<String, FileStatus> source = FileTrees.walk(HDFS.getFileSystem(), new Path("/src"));
            final Map<String, FileStatus> copied = FileTrees.walk(abfs, new Path("/copy"));
            assertEquals(source.keySet(), copied.keySet(), "the same tree, no DistCp temp files left");
            for (final Map.Entry<String, FileStatus> entry : source.entrySet()) {
                final FileStatus actual = copied.get(entry.getKey());
                assertEquals(entry.getValue().isDirectory(), actual.isDirectory(), entry.getKey());
                assertEquals(entry.getValue().getPermission(), actual.getPermission(), entry.getKey() + " permission");
                if (actual.isFile()) {
                    assertArrayEquals(HDFS.read("/src" + entry.getKey()), AbfsDriverIT.read(abfs, actual.getPath()), entry.getKey());
                }
            }
            assertTrue(abfs.getAclStatus(new Path("/copy/logs/2025/app.log")).getEntries()
                    .contains(AclEntry.parseAclEntry("user:" + READER + ":r--", true)));

            HDFS.writeRandom("/src/logs/2025/small.log", 5_000, 3);
            HDFS.writeRandom("/src/logs/2025/new.log", 1_000, 4);
            ADLS.getEmulator().clearRequestLog();
            assertEquals(0, distCp("-update", "-ppa", HDFS.getUri() + "/src", target));
            assertArrayEquals(HDFS.read("/src/logs/2025/small.log"), AbfsDriverIT.read(abfs, new Path("/copy/logs/2025/small.log")));
            assertArrayEquals(HDFS.read("/src/logs/2025/new.log"), AbfsDriverIT.read(abfs, new Path("/copy/logs/2025/new.log")));
            assertTrue(ADLS.getEmulator().requestLog().stream().noneMatch(request -> request.path().endsWith("/app.log")
                    && request.query().contains("action=append")), "the unchanged file is not copied again");
        }
    }

    private static int distCp(final String... arguments) throws Exception {
        final Configuration conf = AbfsClients.configure(new Configuration(HDFS.getConfiguration()), ADLS.getEmulator());
        conf.set("mapreduce.framework.name", "local");
        conf.set("hadoop.tmp.dir", localDirectory.resolve("hadoop-tmp").toString());
        conf.set("mapreduce.jobtracker.staging.root.dir", localDirectory.resolve("staging").toString());
        try {
            return ToolRunner.run(conf, new DistCp(conf, null), arguments);
        } finally {
            // DistCp's ABFS instance (the cached one of this user) is closed while the emulator still answers
            FileSystem.get(AbfsClients.uri(ADLS.getEmulator(), FILESYSTEM), conf).close();
        }
    }
}
