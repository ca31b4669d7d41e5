package io.nififusion.core.copy;

import com.azure.core.util.BinaryData;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.restore.RestoreEntry;
import io.nififusion.core.restore.RestoreListing;
import io.nififusion.core.restore.RestorePage;
import io.nififusion.core.restore.RestoreScope;
import io.nififusion.core.target.TargetVersion;
import io.nififusion.core.trash.TrashLayout;
import io.nififusion.core.trash.TrashPurger;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.adls.AdlsFaultInjector;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import io.nififusion.testkit.time.SettableClock;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keep Replaced Versions against a real HDFS (MiniDFSCluster) and the emulator through the real SDK: what a copy
 * replaces by another source file is saved into the trash before the commit, and a restore listing as of a time finds it.
 */
class ReplacedVersionsIT {
    private static final int CHUNK = 256 * 1024;
    private static final String TRASH = "mirror/" + TrashLayout.DIRECTORY_NAME;

    /** Runs once, when the next watched request for the watched path arrives, before the emulator serves it. */
    private static final AtomicReference<Runnable> BEFORE_COMMIT = new AtomicReference<>();
    private static final AtomicReference<String> WATCHED_PATH = new AtomicReference<>();
    /** PUT: the commit (a rename from a temp) of the watched path; GET: a read of it. */
    private static final AtomicReference<String> WATCHED_METHOD = new AtomicReference<>("PUT");

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE).build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension(AdlsEmulator.builder().filter(new CommitInterceptor()));

    /** After the fixture's files are written (their source times are now), the first copy's moment; each overwrite comes a minute later. */
    private final Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    private final SettableClock clock = new SettableClock(start);
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private String sourceRoot;
    private DataLakeFileSystemClient fileSystem;

    @BeforeEach
    void createRoots(final TestInfo testInfo) throws IOException {
        final String method = testInfo.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        final String display = testInfo.getDisplayName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        // parameterized runs differ by their display name only: it stays within the filesystem name's 48 characters
        final String name = method.substring(0, Math.min(36, method.length())) + (display.length() <= 8 ? display : "");
        sourceRoot = "/src/" + name;
        HDFS.mkdirs(sourceRoot);
        final AdlsEmulator emulator = ADLS.getEmulator();
        fileSystem = new DataLakeServiceClientBuilder()
                .endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey()))
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 4, 30, 50L, 200L, null))
                .buildClient()
                .createFileSystem(name);
        BEFORE_COMMIT.set(null);
        WATCHED_METHOD.set("PUT");
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
        BEFORE_COMMIT.set(null);
    }

    @Test
    void eachVersionAnOverwriteReplacedIsFoundAsOfATime() throws Exception {
        final AdlsReplicator replicator = replicator(true);
        final byte[] v1 = HDFS.writeRandom(sourceRoot + "/f.bin", 3 * CHUNK + 5, 1);
        final long v1FileId = fileId("/f.bin");
        HDFS.chmod(sourceRoot + "/f.bin", (short) 0640);
        assertEquals(ReplicationResult.COPIED, replicator.apply(copy("/f.bin"), () -> true).result());
        final String v1Permissions = fileSystem.getFileClient("mirror/f.bin").getAccessControl().getPermissions().toString();
        final byte[] v2 = HDFS.writeRandom(sourceRoot + "/f.bin", 2 * CHUNK + 9, 2);
        clock.set(start.plusSeconds(60));
        assertEquals(ReplicationResult.COPIED, replicator.apply(copy("/f.bin"), () -> true).result());
        final byte[] v3 = HDFS.writeRandom(sourceRoot + "/f.bin", 700, 3);
        clock.set(start.plusSeconds(120));
        assertEquals(ReplicationResult.COPIED, replicator.apply(copy("/f.bin"), () -> true).result());

        final RestoreEntry first = onlyEntry(start.plusSeconds(30));
        assertArrayEquals(v1, read(first.targetPath()), "as of between v1 and v2: v1");
        assertEquals(start.plusSeconds(60), first.deletedAt());
        assertEquals(crc32c(v1), first.version().crc32c(), "the CRC32C recorded when v1 was copied, which the restore proves against");
        assertEquals(v1FileId, first.version().fileId());
        assertEquals(v1Permissions, fileSystem.getFileClient(first.targetPath()).getAccessControl().getPermissions().toString(),
                "the saved copy keeps the access of the version it saves");
        assertNotEquals(v1Permissions, fileSystem.getFileClient("mirror/f.bin").getAccessControl().getPermissions().toString());
        final RestoreEntry second = onlyEntry(start.plusSeconds(90));
        assertArrayEquals(v2, read(second.targetPath()), "as of between v2 and v3: v2");
        assertEquals(start.plusSeconds(120), second.deletedAt());
        assertEquals(crc32c(v2), second.version().crc32c());
        final RestoreEntry now = onlyEntry(start.plusSeconds(180));
        assertEquals("mirror/f.bin", now.targetPath(), "now: the live v3");
        assertNull(now.deletedAt());
        assertArrayEquals(v3, read("mirror/f.bin"));
        assertEquals(2, markedBatches().size());
        assertEquals(List.of(), hiddenFilesInTrash(), "no temp of a save is left");
    }

    @Test
    void anAppendIsTheSameFileGrowingAndAddsNoVersion() throws Exception {
        final AdlsReplicator replicator = replicator(true);
        final byte[] v1 = HDFS.writeRandom(sourceRoot + "/app.log", 1000, 4);
        replicator.apply(copy("/app.log"), () -> true);
        final byte[] tail = "appended line\n".getBytes();
        HDFS.append(sourceRoot + "/app.log", tail);
        clock.set(start.plusSeconds(60));

        assertEquals(ReplicationResult.COPIED, replicator.apply(copy("/app.log"), () -> true).result());

        final byte[] grown = Arrays.copyOf(v1, v1.length + tail.length);
        System.arraycopy(tail, 0, grown, v1.length, tail.length);
        assertArrayEquals(grown, read("mirror/app.log"));
        assertFalse(fileSystem.getDirectoryClient(TRASH).exists(), "nothing kept for an append");
    }

    @Test
    void withThePropertyOffAnOverwriteKeepsNothing() throws Exception {
        final AdlsReplicator replicator = replicator(false);
        HDFS.writeRandom(sourceRoot + "/f.bin", 1000, 5);
        replicator.apply(copy("/f.bin"), () -> true);
        final byte[] v2 = HDFS.writeRandom(sourceRoot + "/f.bin", 900, 6);
        clock.set(start.plusSeconds(60));

        assertEquals(ReplicationResult.COPIED, replicator.apply(copy("/f.bin"), () -> true).result());

        assertArrayEquals(v2, read("mirror/f.bin"));
        assertFalse(fileSystem.getDirectoryClient(TRASH).exists(), "nothing kept with Keep Replaced Versions off");
        assertThrows(IllegalArgumentException.class, () -> ReplicatorSettings.defaults().withKeptReplacedVersions(true),
                "the versions go to the trash, which only Keep in Trash has");
    }

    @Test
    void aRenameOverAFileKeepsTheFileItReplaced() throws Exception {
        final AdlsReplicator replicator = replicator(true);
        final byte[] renamed = HDFS.writeRandom(sourceRoot + "/a.csv", 500, 7);
        final byte[] replaced = HDFS.writeRandom(sourceRoot + "/b.csv", 600, 8);
        replicator.apply(operation(OperationType.RECONCILE, "", null), () -> true);
        HDFS.getFileSystem().rename(new Path(sourceRoot + "/a.csv"), new Path(sourceRoot + "/b.csv"), Options.Rename.OVERWRITE);
        clock.set(start.plusSeconds(60));

        final ReplicationOutcome outcome = replicator.apply(operation(OperationType.RENAME, "/b.csv", "/a.csv"), () -> true);

        assertEquals(ReplicationResult.RENAMED, outcome.result(), outcome.detail());
        assertTrue(outcome.detail().startsWith("Moved"), "one atomic move, after the save: " + outcome.detail());
        assertArrayEquals(renamed, read("mirror/b.csv"));
        final RestoreEntry before = entry(listing().list(sourceRoot, RestoreScope.asOf(start.plusSeconds(30)), null, 100), "/b.csv");
        assertArrayEquals(replaced, read(before.targetPath()), "as of before the rename, b.csv is the file it replaced");
        assertEquals(start.plusSeconds(60), before.deletedAt());
    }

    @Test
    void aRivalCommitBetweenTheSaveAndTheCommitIsSavedTooAndTheSourceWins() throws Exception {
        final AdlsReplicator replicator = replicator(true);
        final byte[] v1 = HDFS.writeRandom(sourceRoot + "/f.bin", 2 * CHUNK + 3, 9);
        final long v1FileId = fileId("/f.bin");
        final long v1Time = HDFS.getFileSystem().getFileStatus(new Path(sourceRoot + "/f.bin")).getModificationTime();
        replicator.apply(copy("/f.bin"), () -> true);
        final byte[] v2 = HDFS.writeRandom(sourceRoot + "/f.bin", 3 * CHUNK + 1, 10);
        final byte[] rival = "a rival committed another file here".getBytes();
        clock.set(start.plusSeconds(60));
        WATCHED_PATH.set("/" + fileSystem.getFileSystemName() + "/mirror/f.bin");
        BEFORE_COMMIT.set(() -> {
            // v1 is saved in the trash by now; the rival lands before this commit, whose If-Match it defeats
            clock.set(start.plusSeconds(90));
            final DataLakeFileClient live = fileSystem.getFileClient("mirror/f.bin");
            live.upload(BinaryData.fromBytes(rival), true);
            live.setMetadata(new TargetVersion(sourceRoot + "/f.bin", rival.length, v1Time + 1, v1FileId + 1000, crc32c(rival)).toMetadata());
        });

        final ReplicationOutcome outcome = replicator.apply(copy("/f.bin"), () -> true);

        assertNull(BEFORE_COMMIT.get(), "the rival committed");
        assertEquals(ReplicationResult.COPIED, outcome.result(), outcome.detail());
        assertArrayEquals(v2, read("mirror/f.bin"), "the source's version is committed over the rival");
        assertArrayEquals(v1, read(onlyEntry(start.plusSeconds(30)).targetPath()), "v1, saved before the rival replaced it");
        final RestoreEntry between = onlyEntry(start.plusSeconds(75));
        assertArrayEquals(rival, read(between.targetPath()), "the rival's file, saved before the commit replaced it");
        assertEquals(start.plusSeconds(90), between.deletedAt());
        assertEquals(List.of(), hiddenFilesInTrash());
    }

    @Test
    void aVersionReplacedWhileItIsBeingSavedIsNotKeptAndTheCommitLooksAgain() throws Exception {
        final AdlsReplicator replicator = replicator(true);
        HDFS.writeRandom(sourceRoot + "/f.bin", 3 * CHUNK + 1, 13);
        final long v1FileId = fileId("/f.bin");
        replicator.apply(copy("/f.bin"), () -> true);
        final byte[] v2 = HDFS.writeRandom(sourceRoot + "/f.bin", 2 * CHUNK + 5, 14);
        final byte[] rival = "another file committed while the save was reading".getBytes();
        clock.set(start.plusSeconds(60));
        WATCHED_PATH.set("/" + fileSystem.getFileSystemName() + "/mirror/f.bin");
        WATCHED_METHOD.set("GET");
        BEFORE_COMMIT.set(() -> {
            // the save's first ranged read of v1: the rival lands first, so the read's If-Match fails
            clock.set(start.plusSeconds(90));
            final DataLakeFileClient live = fileSystem.getFileClient("mirror/f.bin");
            live.upload(BinaryData.fromBytes(rival), true);
            live.setMetadata(new TargetVersion(sourceRoot + "/f.bin", rival.length, 1, v1FileId + 1000, crc32c(rival)).toMetadata());
        });

        final ReplicationOutcome outcome = replicator.apply(copy("/f.bin"), () -> true);

        assertNull(BEFORE_COMMIT.get(), "the rival committed during the save");
        assertEquals(ReplicationResult.COPIED, outcome.result(), outcome.detail());
        assertArrayEquals(v2, read("mirror/f.bin"));
        assertEquals(1, markedBatches().size(), "only the rival's file, saved before the commit replaced it");
        assertArrayEquals(rival, read(onlyEntry(start.plusSeconds(30)).targetPath()));
        assertEquals(List.of(), hiddenFilesInTrash(), "the save that met the change was removed");
        assertEquals(1, visibleFilesInTrash().size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"500", "reset"})
    void aFaultWhileSavingLeavesTheLivePathAndNothingVisibleInTheTrashAndTheRetryCompletes(final String fault) throws Exception {
        final AdlsReplicator replicator = replicator(true);
        final byte[] v1 = HDFS.writeRandom(sourceRoot + "/f.bin", 3 * CHUNK + 5, 11);
        replicator.apply(copy("/f.bin"), () -> true);
        final String v1Etag = fileSystem.getFileClient("mirror/f.bin").getProperties().getETag();
        final byte[] v2 = HDFS.writeRandom(sourceRoot + "/f.bin", 2 * CHUNK + 7, 12);
        clock.set(start.plusSeconds(60));
        final AdlsFaultInjector.RequestMatcher appendsToTheSave = ADLS.getEmulator().faults().onRequests("PATCH", "\\.fusion-trash/.*_fusion_tmp\\.", "action=append");
        if (fault.equals("500")) {
            appendsToTheSave.failNext(100, 500, "InternalError");
        } else {
            appendsToTheSave.resetDuringRequestBody(100, 1000);
        }
        // the unfinished batch cannot be removed either: what stays must be invisible and purgeable
        ADLS.getEmulator().faults().onRequests("DELETE", "\\.fusion-trash", null).failNext(100, 500, "InternalError");

        final ReplicationException failure = assertThrows(ReplicationException.class, () -> replicator.apply(copy("/f.bin"), () -> true));

        assertTrue(failure.isTransient(), failure.getMessage());
        assertEquals(v1Etag, fileSystem.getFileClient("mirror/f.bin").getProperties().getETag(), "the live path is as it was");
        assertArrayEquals(v1, read("mirror/f.bin"));
        assertTrue(markedBatches().isEmpty(), "no batch holds a version");
        assertFalse(hiddenFilesInTrash().isEmpty(), "the unfinished save left its hidden temp");
        assertEquals(List.of(), visibleFilesInTrash());
        final RestoreEntry listed = onlyEntry(start.plusSeconds(30));
        assertEquals("mirror/f.bin", listed.targetPath(), "a restore lists the live v1 only");

        ADLS.getEmulator().faults().clear();
        final ReplicationOutcome retried = replicator.apply(copy("/f.bin"), failure.getResumableTempPath(), () -> true);

        assertEquals(ReplicationResult.COPIED, retried.result(), retried.detail());
        assertArrayEquals(v2, read("mirror/f.bin"));
        assertArrayEquals(v1, read(onlyEntry(start.plusSeconds(30)).targetPath()));

        clock.set(start.plus(Duration.ofDays(7)).plusSeconds(61));
        assertEquals(2, new TrashPurger(fileSystem, new TrashLayout("mirror"), clock).purge(Duration.ofDays(7), 100),
                "the version batch and the unfinished one are purged like any other");
        assertTrue(fileSystem.getDirectoryClient(TRASH).listPaths().stream().findAny().isEmpty());
    }

    private AdlsReplicator replicator(final boolean keepReplacedVersions) {
        final ReplicatorSettings settings = ReplicatorSettings.defaults().withChunking(CHUNK, 4, 2)
                .withPolicies(ExistingTargetPolicy.OVERWRITE, DeletePolicy.KEEP_IN_TRASH, MetadataPreservation.PERMISSIONS, IdentityMapping.EMPTY)
                .withKeptReplacedVersions(keepReplacedVersions);
        return new AdlsReplicator(SourceAccess.direct(HDFS.getFileSystem()), fileSystem, new TargetPathMapper(sourceRoot, "mirror"), settings,
                executor, new BandwidthThrottle(0), "Account Key", clock);
    }

    private RestoreListing listing() {
        return new RestoreListing(fileSystem, new TargetPathMapper(sourceRoot, "mirror"), ReplicatorSettings.DEFAULT_TEMP_PREFIX, 5000);
    }

    private RestoreEntry onlyEntry(final Instant asOf) {
        final RestorePage page = listing().list(sourceRoot + "/f.bin", RestoreScope.asOf(asOf), null, 100);
        assertEquals(1, page.entries().size(), "one version of f.bin as of " + asOf + ": " + page.entries());
        return page.entries().getFirst();
    }

    private RestoreEntry entry(final RestorePage page, final String relative) {
        return page.entries().stream().filter(listed -> listed.originalPath().equals(sourceRoot + relative)).findFirst().orElseThrow();
    }

    /** Batches marked as holding a version of a path. */
    private List<String> markedBatches() {
        final List<String> marked = new ArrayList<>();
        if (!fileSystem.getDirectoryClient(TRASH).exists()) {
            return marked;
        }
        for (final PathItem batch : fileSystem.listPaths(new ListPathsOptions().setPath(TRASH), null)) {
            final boolean hasMarker = fileSystem.getDirectoryClient(batch.getName()).getProperties().getMetadata().keySet().stream()
                    .anyMatch(TrashLayout.MOVED_PATH_KEY::equalsIgnoreCase);
            if (hasMarker) {
                marked.add(batch.getName());
            }
        }
        return marked;
    }

    private List<String> hiddenFilesInTrash() {
        return filesInTrash(true);
    }

    private List<String> visibleFilesInTrash() {
        return filesInTrash(false);
    }

    private List<String> filesInTrash(final boolean hidden) {
        final List<String> files = new ArrayList<>();
        if (!fileSystem.getDirectoryClient(TRASH).exists()) {
            return files;
        }
        for (final PathItem item : fileSystem.listPaths(new ListPathsOptions().setPath(TRASH).setRecursive(true), null)) {
            final String name = item.getName().substring(item.getName().lastIndexOf('/') + 1);
            if (!item.isDirectory() && name.startsWith(ReplicatorSettings.DEFAULT_TEMP_PREFIX) == hidden) {
                files.add(item.getName());
            }
        }
        return files;
    }

    private long fileId(final String relativePath) throws IOException {
        return SourceFile.of(sourceRoot + relativePath, HDFS.getFileSystem().getFileStatus(new Path(sourceRoot + relativePath))).fileId();
    }

    private byte[] read(final String targetPath) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        fileSystem.getFileClient(targetPath).read(out);
        return out.toByteArray();
    }

    private ReplicationOperation copy(final String relativePath) {
        return operation(OperationType.COPY, relativePath, null);
    }

    private ReplicationOperation operation(final OperationType type, final String relativePath, final String relativeSourcePath) {
        return new ReplicationOperation(type, sourceRoot + relativePath, relativeSourcePath == null ? null : sourceRoot + relativeSourcePath,
                false, -1, -1, -1, null, null, null, -1, ChangeSource.SCAN, null);
    }

    private static long crc32c(final byte[] content) {
        final CRC32C crc = new CRC32C();
        crc.update(content);
        return crc.getValue();
    }

    /** Runs the armed action before the emulator serves the commit (a rename from a temp) of the watched path. */
    private static final class CommitInterceptor extends Filter {
        @Override
        public void doFilter(final HttpExchange exchange, final Chain chain) throws IOException {
            final String renameSource = exchange.getRequestHeaders().getFirst("x-ms-rename-source");
            final String watched = WATCHED_PATH.get();
            final boolean commit = "PUT".equals(exchange.getRequestMethod()) && renameSource != null
                    && renameSource.contains(ReplicatorSettings.DEFAULT_TEMP_PREFIX);
            final boolean read = "GET".equals(exchange.getRequestMethod());
            if ((WATCHED_METHOD.get().equals("PUT") ? commit : read) && watched != null && exchange.getRequestURI().getPath().endsWith(watched)) {
                final Runnable action = BEFORE_COMMIT.getAndSet(null);
                if (action != null) {
                    action.run();
                }
            }
            chain.doFilter(exchange);
        }

        @Override
        public String description() {
            return "runs an action before the commit of a watched path";
        }
    }
}
