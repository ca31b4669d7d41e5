package io.nififusion.core.restore;

import io.nififusion.core.copy.DeletePolicy;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.OperationType;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Restores of migrated files from the emulator back to a real HDFS (MiniDFSCluster), through the real SDK. */
class HdfsRestorerIT {
    private static final int PART = 256 * 1024;

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE).build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private RestoreFixture fixture;
    private String restoreRoot;

    @BeforeEach
    void migrateFixture(final TestInfo testInfo) throws IOException {
        fixture = new RestoreFixture(HDFS, ADLS.getEmulator(), testInfo.getTestMethod().orElseThrow().getName(), executor, DeletePolicy.PROPAGATE, 2);
        restoreRoot = "/restored" + fixture.sourceRoot;
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void aMigratedTreeComesBackWithItsBytesPermissionsOwnerAndTimes() throws Exception {
        final byte[] big = HDFS.writeRandom(fixture.sourceRoot + "/big.bin", 5 * PART + 17, 1);
        final byte[] small = HDFS.writeRandom(fixture.sourceRoot + "/d/small.csv", 1000, 2);
        HDFS.write(fixture.sourceRoot + "/d/empty", new byte[0]);
        HDFS.chmod(fixture.sourceRoot + "/big.bin", (short) 0640);
        HDFS.chmod(fixture.sourceRoot + "/d", (short) 01750);
        fixture.chown("/big.bin", "alice", "analysts");
        fixture.chown("/d", "alice", "analysts");
        fixture.migrate();

        final List<RestoreEntry> entries = listLive();
        assertEquals(List.of("", "big.bin", "d", "d/empty", "d/small.csv"), entries.stream()
                .map(entry -> entry.originalPath().substring(Math.min(entry.originalPath().length(), fixture.sourceRoot.length() + 1))).toList());
        final HdfsRestorer restorer = restorer(RestoreSettings.defaults().withParts(PART, 3));
        final RestoreDestination destination = RestoreDestination.underRoot(fixture.mapper, restoreRoot);
        for (final RestoreEntry entry : entries) {
            final RestoreOutcome outcome = restorer.restore(request(entry, destination, null), () -> true);
            if (entry.directory()) {
                assertTrue(outcome.result() == RestoreResult.CREATED || outcome.result() == RestoreResult.UPDATED, outcome.toString());
            } else {
                assertEquals(RestoreResult.RESTORED, outcome.result(), outcome.detail());
                assertTrue(outcome.detail().contains("agree"), outcome.detail());
            }
        }

        assertArrayEquals(big, HDFS.read(restoreRoot + "/big.bin"));
        assertArrayEquals(small, HDFS.read(restoreRoot + "/d/small.csv"));
        assertEquals(0, HDFS.read(restoreRoot + "/d/empty").length);
        final FileStatus restoredBig = fixture.status(restoreRoot + "/big.bin");
        final FileStatus sourceBig = fixture.status(fixture.sourceRoot + "/big.bin");
        assertEquals(new FsPermission((short) 0640), restoredBig.getPermission());
        assertEquals("alice", restoredBig.getOwner());
        assertEquals("analysts", restoredBig.getGroup());
        assertEquals(sourceBig.getModificationTime(), restoredBig.getModificationTime());
        final FileStatus restoredDirectory = fixture.status(restoreRoot + "/d");
        assertEquals(new FsPermission((short) 01750), restoredDirectory.getPermission());
        assertEquals("alice", restoredDirectory.getOwner());
        assertEquals(crc32c(big), compositeCrc(restoreRoot + "/big.bin"), "the parts joined by concat make the file HDFS checksums");
        assertEquals(List.of("big.bin", "d", "d/empty", "d/small.csv"), fixture.namesBelow(restoreRoot), "no temp or part left");
    }

    @Test
    void aRestoredFileCarriesNoRestoreMarker() throws Exception {
        HDFS.writeRandom(fixture.sourceRoot + "/joined.bin", 3 * PART + 1, 12);
        HDFS.writeRandom(fixture.sourceRoot + "/single.bin", 100, 13);
        fixture.migrate();
        final HdfsRestorer restorer = restorer(RestoreSettings.defaults().withParts(PART, 2));
        final RestoreDestination destination = RestoreDestination.underRoot(fixture.mapper, restoreRoot);

        for (final String name : List.of("joined.bin", "single.bin")) {
            final RestoreOutcome outcome = restorer.restore(request(fileEntry(name), destination, null), () -> true);
            assertEquals(RestoreResult.RESTORED, outcome.result(), outcome.detail());
            assertEquals(Map.of(), HDFS.getFileSystem().getXAttrs(new Path(restoreRoot + "/" + name)),
                    "the finished-part marker of part 0 stays with the hidden parts, never on the restored file");
        }
    }

    @Test
    void aRestoreBackToTheOriginalPathsSkipsWhatHdfsStillHolds() throws Exception {
        HDFS.writeRandom(fixture.sourceRoot + "/kept.bin", 3 * PART, 3);
        final byte[] lost = HDFS.writeRandom(fixture.sourceRoot + "/lost.bin", 2 * PART + 5, 4);
        fixture.migrate();
        HDFS.delete(fixture.sourceRoot + "/lost.bin");
        final HdfsRestorer restorer = restorer(RestoreSettings.defaults().withParts(PART, 4));
        final RestoreDestination destination = RestoreDestination.originalPaths(fixture.mapper);

        for (final RestoreEntry entry : listLive()) {
            final RestoreOutcome outcome = restorer.restore(request(entry, destination, null), () -> true);
            if (entry.originalPath().endsWith("kept.bin")) {
                assertEquals(RestoreResult.SKIPPED, outcome.result(), outcome.detail());
            }
        }

        assertArrayEquals(lost, HDFS.read(fixture.sourceRoot + "/lost.bin"));
    }

    @Test
    void aStoppedRestoreResumesWithTheFinishedParts() throws Exception {
        final byte[] content = HDFS.writeRandom(fixture.sourceRoot + "/resumed.bin", 8 * PART + 3, 5);
        fixture.migrate();
        final RestoreEntry entry = fileEntry("resumed.bin");
        final RestoreDestination destination = RestoreDestination.underRoot(fixture.mapper, restoreRoot);
        final HdfsRestorer restorer = restorer(RestoreSettings.defaults().withParts(PART, 1));
        // stops once the fourth part is under way: parts are written in order one at a time here
        final BooleanSupplier untilFourthPart = () -> {
            try {
                return fixture.namesBelow(restoreRoot).stream().noneMatch(name -> name.endsWith(".part3"));
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        };

        final ReplicationException stopped = assertThrows(ReplicationException.class,
                () -> restorer.restore(request(entry, destination, null), untilFourthPart));

        assertEquals(ReplicationErrorCode.INTERRUPTED, stopped.getCode());
        assertTrue(stopped.isTransient());
        assertNotNull(stopped.getResumableTempPath());
        assertFalse(HDFS.getFileSystem().exists(new Path(restoreRoot + "/resumed.bin")), "nothing at the final path");
        final RestoreOutcome resumed = restorer.restore(request(entry, destination, stopped.getResumableTempPath()), () -> true);
        assertEquals(RestoreResult.RESTORED, resumed.result());
        assertEquals(3L * PART, resumed.bytesResumed(), resumed.detail());
        assertEquals(content.length - 3L * PART, resumed.bytesTransferred());
        assertArrayEquals(content, HDFS.read(restoreRoot + "/resumed.bin"));
        assertEquals(List.of("resumed.bin"), fixture.namesBelow(restoreRoot));
    }

    @Test
    void aPermanentFailureWhoseTempHdfsCannotRemoveGoesToRetryWhichRemovesIt() throws Exception {
        HDFS.writeRandom(fixture.sourceRoot + "/gone.bin", 3 * PART, 6);
        fixture.migrate();
        final RestoreEntry entry = fileEntry("gone.bin");
        final RestoreDestination destination = RestoreDestination.underRoot(fixture.mapper, restoreRoot);
        final AtomicBoolean hdfsDown = new AtomicBoolean();
        final SourceAccess source = new SourceAccess() {
            @Override
            public <T> T execute(final SourceCall<T> call) throws IOException {
                if (hdfsDown.get()) {
                    throw new ConnectException("Call to the NameNode failed on connection exception: Connection refused");
                }
                return call.run(HDFS.getFileSystem());
            }
        };
        final HdfsRestorer restorer = new HdfsRestorer(source, fixture.fileSystem, RestoreSettings.defaults().withParts(PART, 1)
                .withIdentityMapping(fixture.identities), executor, "Account Key");
        final BooleanSupplier untilSecondPart = () -> {
            try {
                return fixture.namesBelow(restoreRoot).stream().noneMatch(name -> name.endsWith(".part1"));
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        };
        final String temp = assertThrows(ReplicationException.class, () -> restorer.restore(request(entry, destination, null), untilSecondPart))
                .getResumableTempPath();
        assertNotNull(temp);
        fixture.fileSystem.getFileClient(entry.targetPath()).delete();

        // the copy is gone for good, but HDFS cannot take the temp away now: retry, the temp still named
        hdfsDown.set(true);
        final ReplicationException unavailable = assertThrows(ReplicationException.class,
                () -> restorer.restore(request(entry, destination, temp), () -> true));
        assertTrue(unavailable.isTransient(), unavailable.getMessage());
        assertEquals(temp, unavailable.getResumableTempPath());
        assertTrue(unavailable.getMessage().contains("does not exist") && unavailable.getMessage().contains("could not be removed yet"),
                unavailable.getMessage());
        assertFalse(fixture.namesBelow(restoreRoot).isEmpty(), "the temp is still there");

        hdfsDown.set(false);
        final ReplicationException gone = assertThrows(ReplicationException.class, () -> restorer.restore(request(entry, destination, temp), () -> true));
        assertEquals(ReplicationErrorCode.RESTORE_PATH_NOT_FOUND, gone.getCode());
        assertFalse(gone.isTransient());
        assertEquals(List.of(), fixture.namesBelow(restoreRoot), "no temp or part left");
    }

    @Test
    void targetFaultsNeverLeaveAPartialFileAndTheRetryCompletes() throws Exception {
        final byte[] content = HDFS.writeRandom(fixture.sourceRoot + "/faulty.bin", 6 * PART, 6);
        fixture.migrate();
        final RestoreEntry entry = fileEntry("faulty.bin");
        final RestoreDestination destination = RestoreDestination.underRoot(fixture.mapper, restoreRoot);
        final HdfsRestorer restorer = restorer(RestoreSettings.defaults().withParts(PART, 3));
        ADLS.getEmulator().faults().onRequests("GET", "faulty\\.bin", null).failNext(20, 500, "InternalError");

        final ReplicationException failed = assertThrows(ReplicationException.class, () -> restorer.restore(request(entry, destination, null), () -> true));

        assertEquals(ReplicationErrorCode.TARGET_SERVER_ERROR, failed.getCode(), failed.getMessage());
        assertTrue(failed.isTransient());
        assertFalse(HDFS.getFileSystem().exists(new Path(restoreRoot + "/faulty.bin")));
        ADLS.getEmulator().faults().clear();
        // a connection reset in the middle of a part's bytes: the read resumes from where it broke, under the same If-Match
        ADLS.getEmulator().faults().onRequests("GET", "faulty\\.bin", null).resetDuringResponseBody(2, 10_000);
        final RestoreOutcome outcome = restorer.restore(request(entry, destination, failed.getResumableTempPath()), () -> true);
        assertEquals(RestoreResult.RESTORED, outcome.result());
        assertArrayEquals(content, HDFS.read(restoreRoot + "/faulty.bin"));
        assertEquals(List.of("faulty.bin"), fixture.namesBelow(restoreRoot));
    }

    @Test
    void hdfsFaultsNeverLeaveAPartialFileAndTheRetryCompletes() throws Exception {
        final byte[] content = HDFS.writeRandom(fixture.sourceRoot + "/quota.bin", 6 * PART, 7);
        fixture.migrate();
        final RestoreEntry entry = fileEntry("quota.bin");
        final RestoreDestination destination = RestoreDestination.underRoot(fixture.mapper, restoreRoot);
        final HdfsRestorer restorer = restorer(RestoreSettings.defaults().withParts(PART, 3));
        HDFS.mkdirs(restoreRoot);
        // room for two blocks only: the third part's block allocation fails
        HDFS.getFileSystem().setQuota(new Path(restoreRoot), HdfsConstants.QUOTA_DONT_SET, 2 * MiniDfsExtension.SMALL_BLOCK_SIZE);

        final ReplicationException failed = assertThrows(ReplicationException.class, () -> restorer.restore(request(entry, destination, null), () -> true));

        assertTrue(failed.getMessage().contains("quota") || failed.getMessage().contains("Quota"), failed.getMessage());
        assertFalse(HDFS.getFileSystem().exists(new Path(restoreRoot + "/quota.bin")));
        HDFS.getFileSystem().setQuota(new Path(restoreRoot), HdfsConstants.QUOTA_DONT_SET, HdfsConstants.QUOTA_RESET);
        final RestoreOutcome outcome = restorer.restore(request(entry, destination, failed.getResumableTempPath()), () -> true);
        assertEquals(RestoreResult.RESTORED, outcome.result());
        assertArrayEquals(content, HDFS.read(restoreRoot + "/quota.bin"));
        assertEquals(List.of("quota.bin"), fixture.namesBelow(restoreRoot));
    }

    @Test
    void aDamagedTargetCopyIsRefusedWithNothingRestored() throws Exception {
        HDFS.writeRandom(fixture.sourceRoot + "/damaged.bin", 3 * PART, 8);
        fixture.migrate();
        final RestoreEntry entry = fileEntry("damaged.bin");
        ADLS.getEmulator().corruptStoredBytes(fixture.fileSystem.getFileSystemName(), "mirror/damaged.bin", PART + 10);

        final ReplicationException failed = assertThrows(ReplicationException.class,
                () -> restorer(RestoreSettings.defaults().withParts(PART, 2)).restore(
                        request(entry, RestoreDestination.underRoot(fixture.mapper, restoreRoot), null), () -> true));

        assertEquals(ReplicationErrorCode.CHECKSUM_MISMATCH, failed.getCode());
        assertFalse(failed.isTransient(), "no retry repairs the copy");
        assertTrue(failed.getMessage().contains("damaged"), failed.getMessage());
        assertEquals(List.of(), fixture.namesBelow(restoreRoot));
    }

    @Test
    void aTargetCopyReplacedDuringTheRestoreIsRestoredAsItIsNow() throws Exception {
        HDFS.writeRandom(fixture.sourceRoot + "/moving.bin", 4 * PART, 9);
        fixture.migrate();
        final RestoreEntry entry = fileEntry("moving.bin");
        final AtomicBoolean replaced = new AtomicBoolean();
        final byte[][] newer = new byte[1][];
        final BooleanSupplier replaceOnce = () -> {
            if (replaced.compareAndSet(false, true)) {
                try {
                    newer[0] = HDFS.writeRandom(fixture.sourceRoot + "/moving.bin", 4 * PART + 1, 10);
                    fixture.apply(OperationType.COPY, "/moving.bin");
                } catch (final IOException | ReplicationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return true;
        };

        final RestoreOutcome outcome = restorer(RestoreSettings.defaults().withParts(PART, 1)).restore(
                request(entry, RestoreDestination.underRoot(fixture.mapper, restoreRoot), null), replaceOnce);

        assertEquals(RestoreResult.RESTORED, outcome.result());
        assertEquals(2, outcome.attempts(), "the conditional reads saw the change and the restore looked again");
        assertArrayEquals(newer[0], HDFS.read(restoreRoot + "/moving.bin"));
        assertEquals(List.of("moving.bin"), fixture.namesBelow(restoreRoot));
    }

    @Test
    void anExistingDifferentFileIsKeptReplacedOrFailedAsThePolicySays() throws Exception {
        final byte[] content = HDFS.writeRandom(fixture.sourceRoot + "/policy.bin", 2 * PART, 11);
        fixture.migrate();
        final RestoreEntry entry = fileEntry("policy.bin");
        final RestoreDestination destination = RestoreDestination.underRoot(fixture.mapper, restoreRoot);
        final byte[] other = HDFS.writeRandom(restoreRoot + "/policy.bin", 100, 12);

        final ReplicationException refused = assertThrows(ReplicationException.class,
                () -> restorer(RestoreSettings.defaults()).restore(request(entry, destination, null), () -> true));
        assertEquals(ReplicationErrorCode.RESTORE_DESTINATION_EXISTS, refused.getCode());
        assertFalse(refused.isTransient());
        assertEquals(RestoreResult.SKIPPED, restorer(RestoreSettings.defaults().withExistingFilePolicy(ExistingFilePolicy.KEEP))
                .restore(request(entry, destination, null), () -> true).result());
        assertArrayEquals(other, HDFS.read(restoreRoot + "/policy.bin"));

        assertEquals(RestoreResult.RESTORED, restorer(RestoreSettings.defaults().withExistingFilePolicy(ExistingFilePolicy.REPLACE).withParts(PART, 2))
                .restore(request(entry, destination, null), () -> true).result());
        assertArrayEquals(content, HDFS.read(restoreRoot + "/policy.bin"));
        assertEquals(RestoreResult.SKIPPED, restorer(RestoreSettings.defaults()).restore(request(entry, destination, null), () -> true).result(),
                "the same bytes are never written twice, whatever the policy");
        assertEquals(List.of("policy.bin"), fixture.namesBelow(restoreRoot));
    }

    @Test
    void aRandomTreeRestoredUnderFaultsOnBothSidesConvergesOnTheSource() throws Exception {
        final long seed = 20261201L;
        final Random random = new Random(seed);
        final Map<String, byte[]> files = new TreeMap<>();
        for (int index = 0; index < 12; index++) {
            final String path = "/t" + random.nextInt(3) + "/u" + random.nextInt(2) + "/f" + index + ".bin";
            files.put(path, HDFS.writeRandom(fixture.sourceRoot + path, random.nextInt(4 * PART), random.nextLong()));
            HDFS.chmod(fixture.sourceRoot + path, (short) (0600 | random.nextInt(0100)));
        }
        fixture.migrate();
        final RestoreDestination destination = RestoreDestination.underRoot(fixture.mapper, restoreRoot);
        final HdfsRestorer restorer = restorer(RestoreSettings.defaults().withParts(PART, 3));
        final String fileSystemPath = "/" + fixture.fileSystem.getFileSystemName() + "/";
        ADLS.getEmulator().faults().onRequests("GET", fileSystemPath, null).failNext(6, 503, "ServerBusy", 0);
        ADLS.getEmulator().faults().onRequests("GET", fileSystemPath, null).resetDuringResponseBody(4, 5_000);
        ADLS.getEmulator().faults().onRequests("GET", fileSystemPath, null).failNext(4, 500, "InternalError");
        final Deque<RestoreRequest> queue = new ArrayDeque<>();
        for (final RestoreEntry entry : listLive()) {
            queue.add(request(entry, destination, null));
        }
        int failures = 0;
        for (int round = 0; round < 500 && !queue.isEmpty(); round++) {
            final RestoreRequest request = queue.poll();
            if (round == 5) {
                // an HDFS fault as well: the restore root is over its space quota for a while
                HDFS.getFileSystem().setQuota(new Path(restoreRoot), HdfsConstants.QUOTA_DONT_SET, MiniDfsExtension.SMALL_BLOCK_SIZE);
            }
            if (round == 15) {
                HDFS.getFileSystem().setQuota(new Path(restoreRoot), HdfsConstants.QUOTA_DONT_SET, HdfsConstants.QUOTA_RESET);
            }
            try {
                restorer.restore(request, () -> true);
            } catch (final ReplicationException e) {
                assertTrue(e.isTransient(), "seed " + seed + ": " + e.getMessage());
                failures++;
                final Path destinationPath = new Path(request.destinationPath());
                if (HDFS.getFileSystem().exists(destinationPath) && HDFS.getFileSystem().getFileStatus(destinationPath).isFile()) {
                    fail("seed " + seed + ": a failed restore left a file at " + destinationPath);
                }
                queue.add(new RestoreRequest(request.targetPath(), request.destinationPath(), request.listedEtag(), null, e.getResumableTempPath()));
            }
        }

        assertTrue(queue.isEmpty(), "seed " + seed + ": every entry restored");
        assertTrue(failures > 0, "the faults were met");
        assertEquals(0, ADLS.getEmulator().faults().pendingFaults(), "every injected fault was met");
        assertEquals(fixture.namesBelow(fixture.sourceRoot), fixture.namesBelow(restoreRoot), "seed " + seed + ": the same paths, no temp or part left");
        for (final Map.Entry<String, byte[]> file : files.entrySet()) {
            assertArrayEquals(file.getValue(), HDFS.read(restoreRoot + file.getKey()), "seed " + seed + ": " + file.getKey());
            assertEquals(fixture.status(fixture.sourceRoot + file.getKey()).getPermission(), fixture.status(restoreRoot + file.getKey()).getPermission(),
                    "seed " + seed + ": " + file.getKey());
        }
    }

    @Test
    void badRequestsFailClearly() throws Exception {
        final HdfsRestorer restorer = restorer(RestoreSettings.defaults());
        final ReplicationException missing = assertThrows(ReplicationException.class, () -> restorer.restore(
                new RestoreRequest("mirror/never-copied.bin", restoreRoot + "/never-copied.bin", null, null, null), () -> true));
        assertEquals(ReplicationErrorCode.RESTORE_PATH_NOT_FOUND, missing.getCode());
        for (final String bad : List.of("relative/path", "/", "/a/../etc/passwd")) {
            final ReplicationException invalid = assertThrows(ReplicationException.class,
                    () -> restorer.restore(new RestoreRequest("mirror/x", bad, null, null, null), () -> true));
            assertEquals(ReplicationErrorCode.INVALID_OPERATION, invalid.getCode(), bad);
        }
    }

    private List<RestoreEntry> listLive() {
        final RestoreListing listing = new RestoreListing(fixture.fileSystem, fixture.mapper, "_fusion_tmp.", 5000);
        final RestorePage page = listing.list(fixture.sourceRoot, RestoreScope.LIVE, null, 1000);
        assertTrue(page.isComplete());
        return page.entries();
    }

    private RestoreEntry fileEntry(final String name) {
        return listLive().stream().filter(entry -> entry.originalPath().equals(fixture.sourceRoot + "/" + name)).findFirst().orElseThrow();
    }

    private static RestoreRequest request(final RestoreEntry entry, final RestoreDestination destination, final String resumeTempPath) {
        return new RestoreRequest(entry.targetPath(), destination.destinationOf(entry.originalPath()), entry.etag(), null, resumeTempPath);
    }

    private HdfsRestorer restorer(final RestoreSettings settings) {
        return new HdfsRestorer(SourceAccess.direct(HDFS.getFileSystem()), fixture.fileSystem, settings.withIdentityMapping(fixture.identities),
                executor, "Account Key");
    }

    private static long compositeCrc(final String path) throws IOException {
        final byte[] bytes = HDFS.getFileSystem().getFileChecksum(new Path(path)).getBytes();
        return java.nio.ByteBuffer.wrap(bytes).getInt() & 0xFFFFFFFFL;
    }

    private static long crc32c(final byte[] content) {
        final CRC32C crc = new CRC32C();
        crc.update(content);
        return crc.getValue();
    }
}
