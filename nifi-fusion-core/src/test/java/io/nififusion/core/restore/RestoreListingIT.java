package io.nififusion.core.restore;

import io.nififusion.core.copy.DeletePolicy;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.trash.TrashLayout;
import io.nififusion.core.trash.TrashMover;
import io.nififusion.core.trash.TrashPurger;
import io.nififusion.testkit.adls.AdlsEmulatorExtension;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import io.nififusion.testkit.time.SettableClock;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restore listings of a migrated tree and of its trash, against the emulator through the real SDK. */
class RestoreListingIT {
    /**
     * The moment to restore as of: after the fixture is written and migrated (the listing compares it with recorded source
     * times and target creation times), before the deletes, whose time a settable clock gives.
     */
    private static final Instant AS_OF = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension();

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final SettableClock clock = new SettableClock(AS_OF);
    private RestoreFixture fixture;
    private TrashMover trash;

    @BeforeEach
    void migrateFixture(final TestInfo testInfo) throws Exception {
        fixture = new RestoreFixture(HDFS, ADLS.getEmulator(), testInfo.getTestMethod().orElseThrow().getName(), executor, DeletePolicy.PROPAGATE, 4);
        for (final String file : List.of("/a", "/d/b", "/d/c", "/d/e/f")) {
            HDFS.writeRandom(fixture.sourceRoot + file, 100, file.hashCode());
        }
        fixture.migrate();
        trash = new TrashMover(fixture.fileSystem, new TrashLayout("mirror"), clock);
    }

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void theLiveTreeIsListedInWalkOrderWithoutTempsOrTrashAndPagesResume() throws Exception {
        fixture.fileSystem.getFileClient("mirror/d/_fusion_tmp.b.0123456789ab").create();
        clock.set(AS_OF.plusSeconds(60));
        trash.moveToTrash("mirror/a", null);

        final List<String> whole = paths(listing().list(fixture.sourceRoot, RestoreScope.LIVE, null, 1000));
        assertEquals(List.of("", "/d", "/d/b", "/d/c", "/d/e", "/d/e/f"), whole);

        final List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            final RestorePage page = listing().list(fixture.sourceRoot, RestoreScope.LIVE, cursor, 2);
            paged.addAll(paths(page));
            cursor = page.cursor();
            pages++;
        } while (cursor != null);
        assertEquals(whole, paged);
        assertTrue(pages >= 3, "pages of two: " + pages);

        final RestoreEntry file = listing().list(fixture.sourceRoot + "/d/c", RestoreScope.LIVE, null, 10).entries().getFirst();
        assertEquals("mirror/d/c", file.targetPath());
        assertNotNull(file.version().crc32c(), "the CRC32C replication recorded");
        assertEquals(fixture.status(fixture.sourceRoot + "/d/c").getModificationTime(), file.version().modificationTime());
        assertNull(file.deletedAt());
    }

    @Test
    void asOfATimeTheTreeIsWhatTheSourceHeldThenFromTrashAndLiveTree() throws Exception {
        // after the moment: d/b deleted, then all of d deleted, a kept, g created
        clock.set(AS_OF.plusSeconds(60));
        trash.moveToTrash("mirror/d/b", null);
        clock.set(AS_OF.plusSeconds(120));
        trash.moveToTrash("mirror/d", null);
        HDFS.writeRandom(fixture.sourceRoot + "/g", 10, 7);
        HDFS.getFileSystem().setTimes(new Path(fixture.sourceRoot + "/g"), AS_OF.plusSeconds(180).toEpochMilli(), -1);
        fixture.apply(OperationType.COPY, "/g");

        final RestorePage asOf = listing().list(fixture.sourceRoot, RestoreScope.asOf(AS_OF), null, 1000);

        assertTrue(asOf.isComplete());
        assertEquals(List.of("", "/a", "/d", "/d/b", "/d/c", "/d/e", "/d/e/f"), paths(asOf), "g did not exist yet; all of d did");
        final RestoreEntry b = entry(asOf, "/d/b");
        assertEquals(AS_OF.plusSeconds(60), b.deletedAt(), "the first delete after the moment holds d/b");
        assertTrue(b.targetPath().startsWith("mirror/.fusion-trash/"), b.targetPath());
        final RestoreEntry d = entry(asOf, "/d");
        assertEquals(AS_OF.plusSeconds(120), d.deletedAt(), "the directory itself is the one deleted with the tree, not d/b's parent");
        assertNull(entry(asOf, "/a").deletedAt(), "a is still live");

        final RestorePage later = listing().list(fixture.sourceRoot, RestoreScope.asOf(AS_OF.plusSeconds(90)), null, 1000);
        assertEquals(List.of("", "/a", "/d", "/d/c", "/d/e", "/d/e/f"), paths(later), "d/b was gone by then");
        assertEquals(List.of("", "/a", "/g"), paths(listing().list(fixture.sourceRoot, RestoreScope.LIVE, null, 1000)));
        assertEquals(List.of("/d", "/d/b", "/d/c", "/d/e", "/d/e/f"),
                paths(listing().list(fixture.sourceRoot + "/d", RestoreScope.asOf(AS_OF), null, 1000)), "a subtree of the trash alone");
    }

    @Test
    void batchesOlderThanTheRetentionArePurgedOldestFirst() {
        clock.set(AS_OF.plusSeconds(60));
        trash.moveToTrash("mirror/a", null);
        clock.set(AS_OF.plus(Duration.ofDays(3)));
        trash.moveToTrash("mirror/d/b", null);

        clock.set(AS_OF.plus(Duration.ofDays(7)).plusSeconds(61));
        assertEquals(1, new TrashPurger(fixture.fileSystem, new TrashLayout("mirror"), clock).purge(Duration.ofDays(7), 100));

        assertEquals(List.of("", "/d", "/d/b", "/d/c", "/d/e", "/d/e/f"),
                paths(listing().list(fixture.sourceRoot, RestoreScope.asOf(AS_OF), null, 1000)), "a's version went with its batch");
        assertEquals(0, new TrashPurger(fixture.fileSystem, new TrashLayout("mirror"), clock).purge(Duration.ofDays(7), 100));
    }

    @Test
    void theTrashRefusesTheRootAndItself() {
        assertThrows(IllegalArgumentException.class, () -> trash.moveToTrash("mirror", null));
        clock.set(AS_OF.plusSeconds(1));
        final String moved = trash.moveToTrash("mirror/a", null);
        assertThrows(IllegalArgumentException.class, () -> trash.moveToTrash(moved, null));
        assertNull(trash.moveToTrash("mirror/a", null), "gone already");
        assertFalse(fixture.fileSystem.getFileClient("mirror/a").exists());
    }

    private RestoreListing listing() {
        return new RestoreListing(fixture.fileSystem, fixture.mapper, "_fusion_tmp.", 5000);
    }

    private List<String> paths(final RestorePage page) {
        return page.entries().stream().map(entry -> entry.originalPath().substring(fixture.sourceRoot.length())).toList();
    }

    private RestoreEntry entry(final RestorePage page, final String relative) {
        return page.entries().stream().filter(entry -> entry.originalPath().equals(fixture.sourceRoot + relative)).findFirst().orElseThrow();
    }

}
