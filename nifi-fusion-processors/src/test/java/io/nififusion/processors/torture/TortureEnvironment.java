package io.nififusion.processors.torture;

import io.nififusion.processors.FusionTestServices;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.SafeModeAction;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The two real systems a torture run works against (one MiniDFSCluster, one ADLS emulator, shared by the runs of a JVM,
 * each run in its own directories and filesystem) and the cluster-level faults done to them.
 */
final class TortureEnvironment {
    private static final long SAFE_MODE_LIMIT_MILLIS = 60_000;

    private final MiniDfsExtension hdfs;
    private final AdlsEmulator emulator;
    private final Path workDirectory;

    TortureEnvironment(final MiniDfsExtension hdfs, final AdlsEmulator emulator, final Path workDirectory) {
        this.hdfs = hdfs;
        this.emulator = emulator;
        this.workDirectory = workDirectory;
    }

    /**
     * Small blocks so multi-block files are cheap, and a NameNode that keeps as few edits as possible so that a checkpoint
     * purges transactions the listing has not read yet (TOOLCHAIN.md, "Forcing a gap in the change stream").
     */
    static MiniDfsExtension.Builder hdfsBuilder() {
        return MiniDfsExtension.builder()
                .blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE)
                .set("dfs.namenode.num.checkpoints.retained", "1")
                .set("dfs.namenode.max.extra.edits.segments.retained", "1")
                // what snapshot-diff mode needs of the NameNode (docs/listing.md): without it a file written while a snapshot is
                // taken changes without a difference that shows it
                .set("dfs.namenode.snapshot.capture.openfiles", "true")
                // A closing writer waits this long before asking again whether its last block is complete (400 ms by
                // default): the workload creates hundreds of files, and its pace is what makes the pipeline race it
                .set("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "20");
    }

    MiniDfsExtension hdfs() {
        return hdfs;
    }

    DistributedFileSystem fileSystem() {
        return hdfs.getFileSystem();
    }

    AdlsEmulator emulator() {
        return emulator;
    }

    Path workDirectory() {
        return workDirectory;
    }

    /** Snapshot-diff mode needs snapshottable roots (hdfs dfsadmin -allowSnapshot). */
    void allowSnapshot(final String root) throws IOException {
        hdfs.getFileSystem().allowSnapshot(new org.apache.hadoop.fs.Path(root));
    }

    /** Removes a finished run's source tree (snapshots first: HDFS refuses to delete a directory that has some) and its filesystem. */
    void removeRun(final TortureLayout layout) throws IOException {
        final DistributedFileSystem fileSystem = hdfs.getFileSystem();
        for (final String root : layout.listingRoots()) {
            final org.apache.hadoop.fs.Path rootPath = new org.apache.hadoop.fs.Path(root);
            if (fileSystem.exists(rootPath) && fileSystem.getFileStatus(rootPath).isSnapshotEnabled()) {
                for (final FileStatus snapshot : fileSystem.listStatus(new org.apache.hadoop.fs.Path(rootPath, ".snapshot"))) {
                    fileSystem.deleteSnapshot(rootPath, snapshot.getPath().getName());
                }
                fileSystem.disallowSnapshot(rootPath);
            }
        }
        fileSystem.delete(new org.apache.hadoop.fs.Path(layout.base()), true);
        try {
            FusionTestServices.createFileSystem(emulator, layout.fileSystem()).deleteIfExists();
        } catch (final RuntimeException e) {
            // the emulator keeps a filesystem it cannot delete on disk only: harmless for later runs, which use their own
        }
    }

    /** Restarts the NameNode on its port and waits until it has left safe mode. */
    void restartNameNode() throws IOException {
        try {
            hdfs.getCluster().restartNameNode(true);
        } catch (final IOException e) {
            throw new SourceClusterFailure("the NameNode could not restart from its own edit log: " + e.getMessage(), e);
        }
        hdfs.getCluster().waitActive();
        final long deadline = System.currentTimeMillis() + SAFE_MODE_LIMIT_MILLIS;
        while (hdfs.getFileSystem().setSafeMode(SafeModeAction.GET)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("The restarted NameNode is still in safe mode after " + SAFE_MODE_LIMIT_MILLIS + " ms");
            }
            sleep(100);
        }
    }

    /**
     * Two checkpoint rounds (roll, safe mode, save namespace): with the NameNode's retention settings above, every edit log
     * segment written before them is purged, so a change stream positioned there finds a gap.
     */
    void purgeEditLog() throws IOException {
        final DistributedFileSystem fileSystem = hdfs.getFileSystem();
        for (int round = 0; round < 2; round++) {
            fileSystem.rollEdits();
            fileSystem.setSafeMode(SafeModeAction.ENTER);
            try {
                fileSystem.saveNamespace();
            } finally {
                fileSystem.setSafeMode(SafeModeAction.LEAVE);
            }
        }
    }

    private static void sleep(final long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }
}
