package io.nififusion.core.copy;

import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which vanished paths the prune after an operation deletes, against a real HDFS and the emulator: a migrated directory
 * the source moved elsewhere is left to its RENAME unless the operation wrote under it; anything else the source no
 * longer has goes.
 */
class VanishedParentPrunerIT {
    private static final BooleanSupplier RUNNING = () -> true;

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private String root;
    private DataLakeFileSystemClient fileSystem;
    private VanishedParentPruner pruner;

    @BeforeEach
    void migrateADirectory(final TestInfo testInfo) throws Exception {
        final String name = testInfo.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        root = "/pruner/" + name;
        final AdlsEmulator emulator = ADLS.getEmulator();
        fileSystem = new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey()))
                .buildClient().createFileSystem(name.substring(0, Math.min(40, name.length())));
        HDFS.writeRandom(root + "/d/f", 1000, 1);
        final SourceAccess source = SourceAccess.direct(HDFS.getFileSystem());
        final TargetPathMapper mapper = new TargetPathMapper(root, "");
        final ReplicatorSettings settings = ReplicatorSettings.defaults();
        final AdlsReplicator replicator = new AdlsReplicator(source, fileSystem, mapper, settings, executor, new BandwidthThrottle(0), "Account Key");
        replicator.apply(operation(OperationType.MKDIR, "/d"), RUNNING);
        replicator.apply(operation(OperationType.COPY, "/d/f"), RUNNING);

        final ReplicationPaths paths = new ReplicationPaths(source, fileSystem, mapper);
        final TreeReconciler reconciler = new TreeReconciler(paths, settings, Clock.systemUTC(), new NoReconcileActions());
        pruner = new VanishedParentPruner(paths, settings, new DeleteApplier(paths, settings, new ReplicationErrorClassifier("Account Key"),
                reconciler, Clock.systemUTC()));
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void aMigratedDirectoryTheSourceMovedIsLeftToItsRenameAfterAnOperationThatWroteNothing() throws Exception {
        HDFS.rename(root + "/d", root + "/e");

        assertNull(pruner.prune(null, false, root + "/d/f", false, RUNNING));

        assertTrue(fileSystem.getFileClient("d/f").exists(), "the RENAME of d moves it with its files");
    }

    @Test
    void theSameDirectoryIsPrunedAfterAnOperationThatWroteUnderIt() throws Exception {
        HDFS.rename(root + "/d", root + "/e");

        final String pruned = pruner.prune(null, false, root + "/d/f", true, RUNNING);

        // what the operation wrote may have arrived after the RENAME was applied: no record would remove it
        assertTrue(pruned != null && pruned.startsWith("parent " + root + "/d is gone at the source"), pruned);
        assertFalse(fileSystem.getDirectoryClient("d").exists());
    }

    @Test
    void aRenamesOriginIsPrunedOnlyForWhatTheRenameWroteThere() throws Exception {
        HDFS.rename(root + "/d", root + "/e");

        assertNull(pruner.prune(root + "/d/f", false, root + "/elsewhere", true, RUNNING));
        assertTrue(fileSystem.getDirectoryClient("d").exists());

        assertTrue(pruner.prune(root + "/d/f", true, null, false, RUNNING) != null);
        assertFalse(fileSystem.getDirectoryClient("d").exists());
    }

    @Test
    void aDeletedDirectoryIsPrunedAfterAnyOperation() throws Exception {
        HDFS.delete(root + "/d");

        assertTrue(pruner.prune(null, false, root + "/d/f", false, RUNNING) != null);

        assertFalse(fileSystem.getDirectoryClient("d").exists(), "its inode is gone: no record will move it");
    }

    @Test
    void aParentTheTargetCreatedImplicitlyIsPrunedAfterAnyOperation() throws Exception {
        HDFS.rename(root + "/d", root + "/e");
        // a writer that failed after its create brought back a parent that records no inode
        fileSystem.getDirectoryClient("x/y").create();

        assertTrue(pruner.prune(null, false, root + "/x/y/z", false, RUNNING) != null);

        assertFalse(fileSystem.getDirectoryClient("x").exists());
        assertTrue(fileSystem.getDirectoryClient("d").exists());
    }

    private ReplicationOperation operation(final OperationType type, final String path) {
        return new ReplicationOperation(type, root + path, null, false, -1, -1, -1, null, null, null, -1, ChangeSource.INOTIFY, null);
    }

    /** The prune only deletes: a walk asked of it would be a defect. */
    private static final class NoReconcileActions implements TreeReconciler.PathActions {
        @Override
        public ReplicationOutcome copyFile(final String sourcePath, final BooleanSupplier keepRunning) {
            throw new AssertionError("copy of " + sourcePath + " asked during a prune");
        }

        @Override
        public ReplicationOutcome ensureDirectory(final SourceFile sourceDirectory) {
            throw new AssertionError("directory " + sourceDirectory.path() + " asked during a prune");
        }

        @Override
        public ReplicationOutcome deleteExtra(final String sourcePath, final BooleanSupplier keepRunning) {
            throw new AssertionError("delete of " + sourcePath + " asked of the walk during a prune");
        }

        @Override
        public void removeForTypeChange(final String sourcePath, final String targetPath, final TargetState state) {
            throw new AssertionError("type change at " + targetPath + " asked during a prune");
        }
    }
}
