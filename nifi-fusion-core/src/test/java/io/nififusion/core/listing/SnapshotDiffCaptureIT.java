package io.nififusion.core.listing;

import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.OperationType;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshot-diff change capture against a real HDFS: the snapshots it keeps, and what it does when a difference is too big. */
class SnapshotDiffCaptureIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();

    private final RecordingListingLog log = new RecordingListingLog();

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> described(final ListingRun run) {
        return run.records().stream().map(record -> record.operation().type() + " " + record.operation().path()).collect(Collectors.toSet());
    }

    private SourceListing listing(final String root, final int maxRecords) throws IOException {
        return listing(SourceAccess.direct(HDFS.getFileSystem()), root, maxRecords);
    }

    private SourceListing listing(final SourceAccess source, final String root, final int maxRecords) throws IOException {
        HDFS.mkdirs(root);
        HDFS.getAdmin().allowSnapshot(new Path(root));
        final ListingSettings settings = new ListingSettings(SourceRoots.parse(root), ExclusionFilter.none(), true, maxRecords);
        return new SourceListing(source, settings, new SnapshotDiffCapture(settings, log), log);
    }

    @Test
    void aDifferenceBiggerThanARunIsHealedByAScanAndAPrune() throws IOException {
        final SourceListing listing = listing("/oversized", 3);
        listing.load(Map.of());
        while (!listing.run().records().isEmpty()) {
            // the initial scan of an empty root and its prune
        }
        assertEquals(List.of("fusion-1"), HDFS.snapshotNames("/oversized"));
        for (int file = 0; file < 5; file++) {
            HDFS.write("/oversized/f" + file, bytes("x"));
        }

        final ListingRun oversized = listing.run();
        assertTrue(oversized.records().isEmpty(), "five creations and the root's change, at most three records a run: " + oversized.records());
        assertEquals(2, oversized.state().snapshotNumber(), "the snapshot the difference ended at is the new base");
        assertTrue(oversized.state().prunePending());
        assertTrue(log.infos.stream().anyMatch(message -> message.contains("holds 6 changes, more than Max Records per Trigger")), log.infos.toString());
        listing.committed(oversized);
        assertEquals(List.of("fusion-2"), HDFS.snapshotNames("/oversized"), "the older snapshot goes once the run is committed");

        final List<ListedRecord> healed = new ArrayList<>();
        ListingRun run;
        while (!(run = listing.run()).records().isEmpty()) {
            assertTrue(run.records().size() <= 3);
            healed.addAll(run.records());
        }
        assertEquals(7, healed.size(), "MKDIR of the root, five COPY, one PRUNE: " + healed);
        assertEquals(OperationType.PRUNE, healed.getLast().operation().type());
        assertEquals(List.of("fusion-2"), HDFS.snapshotNames("/oversized"), "a run without changes keeps the base and drops the snapshot it took");
    }

    @Test
    void takingUpACommittedListingDeletesTheSnapshotsOfUncommittedRuns() throws IOException {
        final SourceListing first = listing("/crashed", 100);
        first.load(Map.of());
        ListingRun run;
        while (!(run = first.run()).records().isEmpty()) {
            first.committed(run);
        }
        final Map<String, String> committed = run.state().toMap();
        HDFS.write("/crashed/after-commit", bytes("x"));
        final ListingRun uncommitted = first.run();
        assertEquals(Set.of("METADATA /crashed", "RECONCILE /crashed/after-commit"), described(uncommitted));
        assertEquals(List.of("fusion-1", "fusion-2"), HDFS.snapshotNames("/crashed"), "the run's snapshot exists, its records were never committed");

        final SourceListing restarted = listing("/crashed", 100);
        restarted.load(committed);
        assertEquals(List.of("fusion-1"), HDFS.snapshotNames("/crashed"));
        assertTrue(log.infos.stream().anyMatch(message -> message.equals("Deleted snapshots [fusion-2] of /crashed left by an earlier run")), log.infos.toString());
        final ListingRun again = restarted.run();
        assertEquals(described(uncommitted), described(again), "the changes of the uncommitted run come again");
        assertFalse(again.state().prunePending());
    }

    @Test
    void aSnapshotThatCannotBeDeletedAfterTheCommitIsReportedNotThrown() throws IOException {
        final FileSystem own = FileSystem.newInstance(HDFS.getUri(), HDFS.getConfiguration());
        final SourceListing listing = listing(SourceAccess.direct(own), "/undeletable", 100);
        listing.load(Map.of());
        listing.run();
        HDFS.write("/undeletable/f", bytes("x"));
        final ListingRun run = listing.run();
        own.close();
        listing.committed(run);
        assertEquals(List.of("Snapshot fusion-1 of [/undeletable] could not be deleted; the next restart deletes it (Filesystem closed)"), log.warnings);
        assertEquals(List.of("fusion-1", "fusion-2"), HDFS.snapshotNames("/undeletable"));
    }
}
