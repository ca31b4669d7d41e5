package io.nififusion.core.copy;

import com.azure.core.util.BinaryData;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.listing.ChangeSet;
import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.listing.SnapshotDiffMapper;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.verify.FileVerification;
import io.nififusion.core.verify.FileVerifier;
import io.nififusion.core.verify.VerificationDepth;
import io.nififusion.core.verify.VerificationOptions;
import io.nififusion.core.verify.VerificationOutcome;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operation model of DESIGN §2 against a real HDFS and the emulator: records are hints, the source is the truth.
 * Each test replays a pattern production clusters produce every day and applies its records late, twice, or in every
 * order they may arrive in; the target must then hold exactly the source tree.
 */
class OperationModelIT {
    private static final int CHUNK = 256 * 1024;

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE).build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private String root;
    private String filesystemName;
    private int round;
    private DataLakeFileSystemClient fileSystem;

    @BeforeEach
    void createRoots(final TestInfo testInfo) {
        filesystemName = testInfo.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        filesystemName = filesystemName.substring(0, Math.min(40, filesystemName.length()));
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    /** A fresh source root and target filesystem for one replay. */
    private void freshRound() throws IOException {
        round++;
        root = "/model/" + filesystemName + "/" + round;
        HDFS.mkdirs(root);
        final AdlsEmulator emulator = ADLS.getEmulator();
        fileSystem = new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey()))
                .buildClient().createFileSystem(filesystemName + round);
    }

    @Test
    void aDirectoryDeletedWhileAnOperationUnderItRanIsNotBroughtBackAtTheTarget() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/d/x.csv", 1000, 1);
        apply(copy("/d/x.csv"));
        HDFS.delete(root + "/d");
        apply(operation(OperationType.DELETE, "/d", null));
        // an operation under d that was still running created a path there: ADLS made d again, implicitly
        fileSystem.getDirectoryClient("d/sub").create();

        apply(operation(OperationType.RECONCILE, "/d/sub", null));

        assertConverged();
    }

    @Test
    void aDirectoryRenamedAfterChangesInsideItMovesInOneRequestInsteadOfBeingCopiedAgain() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/d/f1", 1000, 1);
        HDFS.writeRandom(root + "/d/f2", 2000, 2);
        HDFS.writeRandom(root + "/d/f3", 3000, 3);
        apply(mkdir("/d"), copy("/d/f1"), copy("/d/f2"), copy("/d/f3"));
        HDFS.rename(root + "/d/f1", root + "/d/g1");
        HDFS.getFileSystem().setPermission(new Path(root + "/d/f2"), new FsPermission((short) 0600));
        HDFS.delete(root + "/d/f3");
        HDFS.mkdirs(root + "/d/sub");
        HDFS.rename(root + "/d", root + "/e");

        // the children's records come first and find their names gone with d: none of them may take the migrated d away
        final AdlsReplicator replicator = replicator();
        int filesCopied = 0;
        for (final ReplicationOperation operation : List.of(rename("/d/f1", "/d/g1"), operation(OperationType.METADATA, "/d/f2", null),
                delete("/d/f3"), mkdir("/d/sub"), rename("/d", "/e"))) {
            filesCopied += applyWithRetries(replicator, operation).filesCopied();
        }

        assertEquals(1, filesCopied, "only the file renamed inside d is copied again, under its new name");
        assertEquals("0600", fileSystem.getFileClient("e/f2").getAccessControl().getPermissions().toString(), "the chmod inside d arrived");
        assertConverged();
    }

    @Test
    void aDirectoryRenamedAfterChangesInsideItConvergesInEveryOrderOfItsRecords() throws Exception {
        for (final List<ReplicationOperation> order : permutations(List.of(rename("/d/f1", "/d/g1"), delete("/d/f3"), rename("/d", "/e")))) {
            freshRound();
            HDFS.writeRandom(root + "/d/f1", 1000, 1);
            HDFS.writeRandom(root + "/d/f3", 3000, 3);
            apply(mkdir("/d"), copy("/d/f1"), copy("/d/f3"));
            HDFS.rename(root + "/d/f1", root + "/d/g1");
            HDFS.delete(root + "/d/f3");
            HDFS.rename(root + "/d", root + "/e");

            apply(relative(order));

            assertConverged();
        }
    }

    @Test
    void aChildThatExistedOnlyBetweenTwoSnapshotsGoesWithTheModifiedParentsRecord() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/d/keep.csv", 1000, 1);
        apply(copy("/d/keep.csv"));
        // a reconcile that walked d between two snapshots copied a child renamed away before the second (mv d/a d/a.swap;
        // mv d/a.swap elsewhere): no difference names d/a.swap, the difference reports d modified
        fileSystem.getDirectoryClient("d/a.swap").create();
        fileSystem.getFileClient("d/a.swap/inside.txt").create();

        apply(new ReplicationOperation(OperationType.METADATA, root + "/d", null, true, -1, -1, -1, null, null, null, -1,
                ChangeSource.SNAPSHOT_DIFF, null));

        assertConverged();
    }

    @Test
    void recordsForTheSourceRootMappedToTheFilesystemRootApply() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/kept.csv", 3000, 1);
        apply(copy("/kept.csv"));
        HDFS.writeRandom(root + "/extra.csv", 100, 2);
        apply(copy("/extra.csv"));
        HDFS.delete(root + "/extra.csv");

        final AdlsReplicator replicator = replicator();
        for (final OperationType type : List.of(OperationType.MKDIR, OperationType.METADATA, OperationType.PRUNE, OperationType.RECONCILE)) {
            final ReplicationOutcome outcome = replicator.apply(operation(type, "", null), () -> true);
            assertTrue(outcome.result() != ReplicationResult.OPEN_FILE, type + ": " + outcome.detail());
        }

        assertConverged();
    }

    @Test
    void renamedAwayAndRecreatedFileKeepsBothVersions() throws Exception {
        freshRound();
        final byte[] old = HDFS.writeRandom(root + "/a", 3000, 1);
        apply(copy("/a"));
        HDFS.rename(root + "/a", root + "/b");
        final byte[] recreated = HDFS.writeRandom(root + "/a", 2000, 2);

        // the COPY of the re-created file overtakes the RENAME
        apply(copy("/a"), rename("/a", "/b"), copy("/b"), copy("/a"));

        assertTargetFile("a", recreated);
        assertTargetFile("b", old);
        assertConverged();
    }

    @Test
    void renamedAwayAndRecreatedDirectoryKeepsEachChildWhereItIs() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/d/f", 100, 1);
        apply(mkdir("/d"), copy("/d/f"));
        HDFS.rename(root + "/d", root + "/e");
        HDFS.mkdirs(root + "/d");
        HDFS.writeRandom(root + "/d/g", 200, 2);

        apply(mkdir("/d"), copy("/d/g"), rename("/d", "/e"));

        assertEquals(List.of("d", "d/g", "e", "e/f"), targetTree());
        assertConverged();
    }

    @Test
    void aMovedDirectoryLeavesNoTempOfACopyThatCanNoLongerCommit() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/d/f", 100, 1);
        apply(mkdir("/d"), copy("/d/f"));
        // a copy on another node is writing its temp in d when d is renamed: that copy's temp path is gone for good
        fileSystem.getFileClient("d/_fusion_tmp.f.0123456789ab").upload(BinaryData.fromBytes(new byte[7]), true);
        HDFS.rename(root + "/d", root + "/e");

        final ReplicationOutcome outcome = replicator().apply(rename("/d", "/e"), () -> true);

        assertTrue(outcome.detail().startsWith("Moved"), outcome.detail());
        assertEquals(List.of(), temps());
        assertConverged();
    }

    @Test
    void logRotationConvergesInEveryOrderOfItsRecords() throws Exception {
        for (final List<ReplicationOperation> order : permutations(List.of(rename("/log.1", "/log.2"), rename("/log", "/log.1"), copy("/log")))) {
            freshRound();
            HDFS.writeRandom(root + "/log.1", 500, 1);
            HDFS.writeRandom(root + "/log", 700, 2);
            apply(copy("/log.1"), copy("/log"));
            HDFS.rename(root + "/log.1", root + "/log.2");
            HDFS.rename(root + "/log", root + "/log.1");
            HDFS.writeRandom(root + "/log", 300, 3);

            apply(relative(order));

            assertConverged();
        }
    }

    @Test
    void swapConvergesInEveryOrderOfItsRecords() throws Exception {
        for (final List<ReplicationOperation> order : permutations(List.of(rename("/a", "/t"), rename("/b", "/a"), rename("/t", "/b")))) {
            freshRound();
            HDFS.writeRandom(root + "/a", 500, 1);
            HDFS.writeRandom(root + "/b", 900, 2);
            apply(copy("/a"), copy("/b"));
            HDFS.rename(root + "/a", root + "/t");
            HDFS.rename(root + "/b", root + "/a");
            HDFS.rename(root + "/t", root + "/b");

            apply(relative(order));

            assertConverged();
        }
    }

    @Test
    void logRotationFromASnapshotDifferenceConvergesInEveryOrder() throws Exception {
        freshRound();
        final String snapshotRoot = root;
        HDFS.writeRandom(snapshotRoot + "/log.1", 500, 1);
        HDFS.writeRandom(snapshotRoot + "/log", 700, 2);
        HDFS.getFileSystem().allowSnapshot(new Path(snapshotRoot));
        HDFS.getFileSystem().createSnapshot(new Path(snapshotRoot), "s1");
        HDFS.rename(snapshotRoot + "/log.1", snapshotRoot + "/log.2");
        HDFS.rename(snapshotRoot + "/log", snapshotRoot + "/log.1");
        HDFS.writeRandom(snapshotRoot + "/log", 300, 3);
        HDFS.getFileSystem().createSnapshot(new Path(snapshotRoot), "s2");
        final ChangeSet changes = new SnapshotDiffMapper(ExclusionFilter.none())
                .map(snapshotRoot, HDFS.getFileSystem().getSnapshotDiffReport(new Path(snapshotRoot), "s1", "s2"));
        final List<ReplicationOperation> records = new ArrayList<>(changes.getOperations());
        for (final String refreshed : changes.getPathsToRefresh()) {
            records.add(OperationFactory.ofPath(OperationType.COPY, refreshed, false, -1, ChangeSource.SNAPSHOT_DIFF));
        }
        assertTrue(records.size() >= 3, "renames and the new log: " + records);

        final List<List<ReplicationOperation>> orders = permutations(records);
        for (int i = 0; i < orders.size(); i += Math.max(1, orders.size() / 24)) {
            final List<ReplicationOperation> order = orders.get(i);
            // the same source state, a fresh target holding what the first snapshot held
            fileSystem = new DataLakeServiceClientBuilder().endpoint(ADLS.getEmulator().getEndpoint())
                    .credential(new StorageSharedKeyCredential(ADLS.getEmulator().getAccountName(), ADLS.getEmulator().getAccountKey()))
                    .buildClient().createFileSystem(filesystemName + "s" + (++round));
            seedFromSnapshot("/.snapshot/s1/log.1", "log.1");
            seedFromSnapshot("/.snapshot/s1/log", "log");

            apply(order);

            assertConverged();
        }
    }

    @Test
    void deletedAndRecreatedDirectoryKeepsWhatWasPutInItWhenTheDeleteArrivesLast() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/d/old", 100, 1);
        apply(mkdir("/d"), copy("/d/old"));
        HDFS.delete(root + "/d");
        HDFS.mkdirs(root + "/d");
        final byte[] g = HDFS.writeRandom(root + "/d/g", 300, 2);

        // the DELETE went to retry and comes back after the MKDIR and the COPY
        apply(mkdir("/d"), copy("/d/g"), delete("/d"));

        assertTargetFile("d/g", g);
        assertEquals(List.of("d", "d/g"), targetTree());
        assertConverged();
    }

    @Test
    void fileBecomingADirectoryConvergesInEveryOrder() throws Exception {
        for (final List<ReplicationOperation> order : permutations(List.of(delete("/p"), mkdir("/p"), copy("/p/x")))) {
            freshRound();
            HDFS.writeRandom(root + "/p", 100, 1);
            apply(copy("/p"));
            HDFS.delete(root + "/p");
            HDFS.mkdirs(root + "/p");
            HDFS.writeRandom(root + "/p/x", 50, 2);

            apply(relative(order));

            assertConverged();
        }
    }

    @Test
    void directoryBecomingAFileConvergesInEveryOrder() throws Exception {
        for (final List<ReplicationOperation> order : permutations(List.of(delete("/p"), copy("/p")))) {
            freshRound();
            HDFS.writeRandom(root + "/p/x", 100, 1);
            apply(mkdir("/p"), copy("/p/x"));
            HDFS.delete(root + "/p");
            HDFS.writeRandom(root + "/p", 70, 2);

            apply(relative(order));

            assertConverged();
        }
    }

    @Test
    void twoCopiesOfOnePathAtOnceNeverLeaveAPartialOrMixedFile() throws Exception {
        freshRound();
        final byte[] first = HDFS.writeRandom(root + "/big.bin", 8 * CHUNK, 1);
        final AdlsReplicator nodeA = replicator();
        final AdlsReplicator nodeB = replicator();
        ADLS.getEmulator().faults().onRequests("PATCH", "_fusion_tmp", "action=append").addLatency(Duration.ofMillis(20), -1);
        final List<byte[]> versions = Collections.synchronizedList(new ArrayList<>(List.of(first)));
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final Future<?> reader = executor.submit(() -> {
            while (running.get()) {
                final byte[] bytes = readOrNull("big.bin");
                seen.add(bytes == null ? "absent" : versions.stream().anyMatch(version -> Arrays.equals(version, bytes)) ? "whole" : "PARTIAL");
            }
            return null;
        });

        // the scan's COPY on node A; the file is rewritten; the CLOSE's COPY on node B, both in flight together
        final Future<ReplicationOutcome> scanCopy = executor.submit(() -> applyWithRetries(nodeA, copy("/big.bin")));
        Thread.sleep(60);
        versions.add(HDFS.writeRandom(root + "/big.bin", 5 * CHUNK + 11, 2));
        final Future<ReplicationOutcome> closeCopy = executor.submit(() -> applyWithRetries(nodeB, copy("/big.bin")));
        scanCopy.get(60, TimeUnit.SECONDS);
        closeCopy.get(60, TimeUnit.SECONDS);
        running.set(false);
        reader.get(10, TimeUnit.SECONDS);

        assertFalse(seen.contains("PARTIAL"), "a reader saw a partial or mixed file");
        assertTargetFile("big.bin", versions.get(1));
        assertEquals(List.of(), temps(), "no temp left");
        assertConverged();
    }

    @Test
    void fileStillOpenForWritingIsNeverCommittedAndIsCopiedOnceClosed() throws Exception {
        freshRound();
        final FSDataOutputStream writer = HDFS.getFileSystem().create(new Path(root + "/open.log"));
        writer.write(new byte[5000]);
        writer.hflush();

        final ReplicationOutcome whileOpen = replicator().apply(copy("/open.log"), () -> true);

        assertEquals(ReplicationResult.OPEN_FILE, whileOpen.result(), whileOpen.detail());
        assertEquals(List.of(root + "/open.log"), whileOpen.openFiles(), "named for a later look");
        assertFalse(fileSystem.getFileClient("open.log").exists(), "nothing committed while the writer holds the file");
        final ReplicationOutcome reconciled = replicator().apply(operation(OperationType.RECONCILE, "", null), () -> true);
        assertEquals(List.of(root + "/open.log"), reconciled.openFiles(), "a reconcile names the open files it left: " + reconciled.detail());
        writer.write(new byte[100]);
        writer.close();

        assertEquals(ReplicationResult.COPIED, replicator().apply(copy("/open.log"), () -> true).result());
        assertConverged();
    }

    @Test
    void reconcileCopiesDeletesAndRemovesOrphanedTemps() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/t/keep", 100, 1);
        HDFS.writeRandom(root + "/t/sub/deep", 100, 2);
        apply(mkdir("/t"), copy("/t/keep"));
        fileSystem.getFileClient("t/extra").upload(BinaryData.fromBytes(new byte[3]), true);
        fileSystem.getFileClient("t/_fusion_tmp.keep.0123456789ab").upload(BinaryData.fromBytes(new byte[3]), true);
        HDFS.writeRandom(root + "/t/keep", 120, 3);
        final AdlsReplicator replicator = new AdlsReplicator(SourceAccess.direct(HDFS.getFileSystem()), fileSystem, new TargetPathMapper(root, ""),
                ReplicatorSettings.defaults().withChunking(CHUNK, 2, 0).withReconcile(ExclusionFilter.none(), Duration.ZERO), executor,
                new BandwidthThrottle(0), "Account Key");

        final ReplicationOutcome outcome = replicator.apply(operation(OperationType.RECONCILE, "/t", null), () -> true);

        assertEquals(ReplicationResult.RECONCILED, outcome.result(), outcome.detail());
        assertTrue(outcome.detail().contains("1 paths deleted") && outcome.detail().contains("1 orphaned temps removed"), outcome.detail());
        // the rewritten keep and the new sub/deep: two files copied by one record
        assertTrue(outcome.detail().contains("2 files copied"), outcome.detail());
        assertEquals(2, outcome.filesCopied());
        assertConverged();
    }

    @Test
    void pruneAfterAGapDeletesWhatTheSourceLostAndCopiesNothing() throws Exception {
        // a gap swallowed a delete, a rename and a new file: the scan's records copy, the prune deletes
        freshRound();
        HDFS.writeRandom(root + "/g/kept", 100, 1);
        HDFS.writeRandom(root + "/g/deleted", 100, 2);
        HDFS.writeRandom(root + "/g/old-name", 100, 3);
        apply(mkdir("/g"), copy("/g/kept"), copy("/g/deleted"), copy("/g/old-name"));
        HDFS.delete(root + "/g/deleted");
        HDFS.rename(root + "/g/old-name", root + "/g/new-name");
        HDFS.writeRandom(root + "/g/sub/new", 100, 4);
        ADLS.getEmulator().clearRequestLog();

        final ReplicationOutcome pruned = replicator().apply(operation(OperationType.PRUNE, "/g", null), () -> true);

        assertTrue(pruned.detail().contains("2 paths deleted"), pruned.detail());
        assertEquals(List.of("g", "g/kept"), targetTree(), "nothing copied by the prune itself");
        assertTrue(ADLS.getEmulator().requestLog().stream().noneMatch(request -> request.query().contains("action=append")), "no bytes sent");
        apply(mkdir("/g"), copy("/g/kept"), copy("/g/new-name"), mkdir("/g/sub"), copy("/g/sub/new"));
        assertConverged();
    }

    @Test
    void pathTheTargetCannotHoldFailsClearlyBeforeAnyRequest() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/name.", 10, 1);
        final byte[] other = HDFS.writeRandom(root + "/name", 20, 2);
        apply(copy("/name"));
        ADLS.getEmulator().clearRequestLog();

        final ReplicationException e = assertThrows(ReplicationException.class, () -> replicator().apply(copy("/name."), () -> true));

        assertEquals(ReplicationErrorCode.TARGET_PATH_UNSUPPORTED, e.getCode());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("ending in '.'"), e.getMessage());
        assertEquals(List.of(), ADLS.getEmulator().requestLog(), "no request was sent");
        assertTargetFile("name", other);
        final String tooLong = ("/" + "x".repeat(250)).repeat(5);
        HDFS.writeRandom(root + tooLong, 10, 3);
        assertEquals(ReplicationErrorCode.TARGET_PATH_UNSUPPORTED,
                assertThrows(ReplicationException.class, () -> replicator().apply(copy(tooLong), () -> true)).getCode());
    }

    @Test
    void ownerAndGroupArriveEvenWhenTheFirstAttemptFailedAfterItsCommit() throws Exception {
        freshRound();
        final byte[] content = HDFS.writeRandom(root + "/owned.csv", 300, 1);
        HDFS.getFileSystem().setOwner(new Path(root + "/owned.csv"), "etl", "analysts");
        final IdentityMapping mapping = IdentityMapping.parse(new StringReader(
                "user:etl=11111111-aaaa-4000-8000-000000000001\ngroup:analysts=22222222-bbbb-4000-8000-000000000002\n"), "mapping");
        final DataLakeFileSystemClient oneTry = new DataLakeServiceClientBuilder().endpoint(ADLS.getEmulator().getEndpoint())
                .credential(new StorageSharedKeyCredential(ADLS.getEmulator().getAccountName(), ADLS.getEmulator().getAccountKey()))
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 1, 30, 50L, 200L, null))
                .buildClient().getFileSystemClient(fileSystem.getFileSystemName());
        final AdlsReplicator replicator = new AdlsReplicator(SourceAccess.direct(HDFS.getFileSystem()), oneTry, new TargetPathMapper(root, ""),
                ReplicatorSettings.defaults().withChunking(CHUNK, 2, 0)
                        .withPolicies(ExistingTargetPolicy.OVERWRITE, DeletePolicy.PROPAGATE, MetadataPreservation.PERMISSIONS_OWNERSHIP, mapping),
                executor, new BandwidthThrottle(0), "Account Key");
        ADLS.getEmulator().faults().onRequests("PATCH", "owned", "action=setAccessControl").failNext(1, 500, "InternalError");

        final ReplicationException first = assertThrows(ReplicationException.class, () -> replicator.apply(copy("/owned.csv"), () -> true));
        assertTrue(first.isTransient(), first.getMessage());
        assertTargetFile("owned.csv", content);

        assertEquals(ReplicationResult.SKIPPED, replicator.apply(copy("/owned.csv"), () -> true).result());
        assertEquals("11111111-aaaa-4000-8000-000000000001", fileSystem.getFileClient("owned.csv").getAccessControl().getOwner());
        assertEquals("22222222-bbbb-4000-8000-000000000002", fileSystem.getFileClient("owned.csv").getAccessControl().getGroup());
    }

    @Test
    void childrenOfAMovedDirectoryVerifyWithoutAMetadataDifference() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/d/f", 500, 1);
        apply(mkdir("/d"), copy("/d/f"));
        HDFS.rename(root + "/d", root + "/e");

        apply(rename("/d", "/e"));

        final FileVerifier verifier = new FileVerifier(HDFS.getFileSystem(), fileSystem,
                new VerificationOptions(VerificationDepth.QUICK, true, true, VerificationOptions.DEFAULT_READ_BLOCK_SIZE), null);
        final FileVerification verification = verifier.verify(root + "/e/f", "e/f", null);
        assertEquals(VerificationOutcome.VERIFIED, verification.outcome(), verification.explanation());
        assertConverged();
    }

    @Test
    void verifyingBeforeThePendingCopyLandsSaysChangedNotMismatch() throws Exception {
        freshRound();
        HDFS.writeRandom(root + "/f", 500, 1);
        apply(copy("/f"));
        // overwritten and chmod-ed at the source; the chmod's record is verified before the overwrite's copy is applied
        HDFS.writeRandom(root + "/f", 800, 2);
        HDFS.chmod(root + "/f", (short) 0600);

        for (final VerificationDepth depth : VerificationDepth.values()) {
            final FileVerifier verifier = new FileVerifier(HDFS.getFileSystem(), fileSystem,
                    new VerificationOptions(depth, true, true, VerificationOptions.DEFAULT_READ_BLOCK_SIZE), null);
            final FileVerification verification = verifier.verify(root + "/f", "f", null);
            assertEquals(VerificationOutcome.CHANGED, verification.outcome(), depth + ": " + verification.explanation());
        }
        apply(copy("/f"));
        final FileVerification after = new FileVerifier(HDFS.getFileSystem(), fileSystem,
                new VerificationOptions(VerificationDepth.DEEP, true, true, VerificationOptions.DEFAULT_READ_BLOCK_SIZE), null).verify(root + "/f", "f", null);
        assertEquals(VerificationOutcome.VERIFIED, after.outcome(), after.explanation());
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private ReplicationOutcome applyWithRetries(final AdlsReplicator replicator, final ReplicationOperation operation) throws Exception {
        ReplicationException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return replicator.apply(operation, last == null ? null : last.getResumableTempPath(), () -> true);
            } catch (final ReplicationException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private void apply(final ReplicationOperation... operations) throws Exception {
        apply(List.of(operations));
    }

    private void apply(final List<ReplicationOperation> operations) throws Exception {
        final AdlsReplicator replicator = replicator();
        for (final ReplicationOperation operation : operations) {
            applyWithRetries(replicator, operation);
        }
    }

    private AdlsReplicator replicator() {
        return new AdlsReplicator(SourceAccess.direct(HDFS.getFileSystem()), fileSystem, new TargetPathMapper(root, ""),
                ReplicatorSettings.defaults().withChunking(CHUNK, 2, 0).withReconcile(ExclusionFilter.none(), Duration.ofHours(1)), executor,
                new BandwidthThrottle(0), "Account Key");
    }

    /** Records named relative to the root of the round; the templates of permutations are made before the round exists. */
    private List<ReplicationOperation> relative(final List<ReplicationOperation> templates) {
        final List<ReplicationOperation> operations = new ArrayList<>();
        for (final ReplicationOperation template : templates) {
            operations.add(operation(template.type(), template.path().substring(TEMPLATE.length()),
                    template.sourcePath() == null ? null : template.sourcePath().substring(TEMPLATE.length())));
        }
        return operations;
    }

    private static final String TEMPLATE = "/template";

    private static ReplicationOperation template(final OperationType type, final String path, final String sourcePath) {
        return new ReplicationOperation(type, TEMPLATE + path, sourcePath == null ? null : TEMPLATE + sourcePath, false, -1, -1, -1, null, null, null, -1,
                ChangeSource.INOTIFY, null);
    }

    private ReplicationOperation operation(final OperationType type, final String path, final String sourcePath) {
        return new ReplicationOperation(type, root + path, sourcePath == null ? null : root + sourcePath, false, -1, -1, -1, null, null, null, -1,
                ChangeSource.INOTIFY, null);
    }

    private ReplicationOperation copy(final String path) {
        return root == null ? template(OperationType.COPY, path, null) : operation(OperationType.COPY, path, null);
    }

    /** The target as a replication of the snapshot left it: the snapshot's file under its name then, with its version recorded. */
    private void seedFromSnapshot(final String snapshotPath, final String targetName) throws IOException {
        final byte[] bytes = HDFS.read(root + snapshotPath);
        fileSystem.getFileClient(targetName).upload(BinaryData.fromBytes(bytes), true);
        final FileStatus status = HDFS.getFileSystem().getFileStatus(new Path(root + snapshotPath));
        fileSystem.getFileClient(targetName).setMetadata(SourceFile.of(root + "/" + targetName, status).toTargetVersion(null).toMetadata());
    }

    private ReplicationOperation mkdir(final String path) {
        return root == null ? template(OperationType.MKDIR, path, null) : operation(OperationType.MKDIR, path, null);
    }

    private ReplicationOperation delete(final String path) {
        return root == null ? template(OperationType.DELETE, path, null) : operation(OperationType.DELETE, path, null);
    }

    private ReplicationOperation rename(final String from, final String to) {
        return root == null ? template(OperationType.RENAME, to, from) : operation(OperationType.RENAME, to, from);
    }

    private static <T> List<List<T>> permutations(final List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        final List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            final List<T> rest = new ArrayList<>(items);
            final T first = rest.remove(i);
            for (final List<T> tail : permutations(rest)) {
                final List<T> permutation = new ArrayList<>();
                permutation.add(first);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }

    /** The target holds exactly the source tree below the root: same paths, same types, same bytes, no temps. */
    private void assertConverged() throws IOException {
        final Map<String, byte[]> source = new TreeMap<>();
        collectSource(root, "", source);
        final Map<String, byte[]> target = new TreeMap<>();
        for (final PathItem item : fileSystem.listPaths(new ListPathsOptions().setRecursive(true), null)) {
            target.put(item.getName(), Boolean.TRUE.equals(item.isDirectory()) ? null : readOrNull(item.getName()));
        }
        assertEquals(source.keySet(), target.keySet(), "paths of " + root);
        for (final Map.Entry<String, byte[]> entry : source.entrySet()) {
            if (entry.getValue() == null) {
                assertEquals(null, target.get(entry.getKey()), entry.getKey() + " is a directory at the source");
            } else {
                assertArrayEquals(entry.getValue(), target.get(entry.getKey()), entry.getKey() + " bytes");
            }
        }
    }

    private static void collectSource(final String directory, final String relative, final Map<String, byte[]> into) throws IOException {
        for (final FileStatus status : HDFS.getFileSystem().listStatus(new Path(directory))) {
            final String name = relative.isEmpty() ? status.getPath().getName() : relative + "/" + status.getPath().getName();
            if (status.isDirectory()) {
                into.put(name, null);
                collectSource(status.getPath().toUri().getPath(), name, into);
            } else {
                into.put(name, HDFS.read(status.getPath().toUri().getPath()));
            }
        }
    }

    private List<String> targetTree() {
        final List<String> names = new ArrayList<>();
        for (final PathItem item : fileSystem.listPaths(new ListPathsOptions().setRecursive(true), null)) {
            names.add(item.getName());
        }
        Collections.sort(names);
        return names;
    }

    private List<String> temps() {
        final List<String> temps = new ArrayList<>();
        for (final String name : targetTree()) {
            if (name.substring(name.lastIndexOf('/') + 1).startsWith(ReplicatorSettings.DEFAULT_TEMP_PREFIX)) {
                temps.add(name);
            }
        }
        return temps;
    }

    private void assertTargetFile(final String targetPath, final byte[] expected) {
        final byte[] actual = readOrNull(targetPath);
        assertTrue(actual != null, targetPath + " missing");
        assertArrayEquals(expected, actual, targetPath + " bytes");
    }

    private byte[] readOrNull(final String targetPath) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            fileSystem.getFileClient(targetPath).read(out);
            return out.toByteArray();
        } catch (final DataLakeStorageException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
