package io.nififusion.core.listing;

import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import io.nififusion.testkit.time.SettableClock;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listing and its change captures against a real HDFS, without NiFi: what the processor tests do not reach. */
class SourceListingIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();

    private static final InotifyCapture.Settings REPORT_ONLY = new InotifyCapture.Settings(Duration.ofMillis(200), Duration.ofHours(1), false, true);

    private final RecordingListingLog log = new RecordingListingLog();

    private static ListingSettings settings(final String roots, final int maxRecords) {
        return new ListingSettings(SourceRoots.parse(roots), ExclusionFilter.parse(ExclusionFilter.DEFAULT_EXCLUSIONS), true, maxRecords);
    }

    private SourceListing listing(final ListingSettings settings, final ChangeCapture capture) {
        return new SourceListing(SourceAccess.direct(HDFS.getFileSystem()), settings, capture, log);
    }

    private static List<String> described(final ListingRun run) {
        return run.records().stream().map(record -> record.sequence() + " " + record.operation().type() + " " + record.operation().path()).toList();
    }

    @Test
    void runsAreBoundedNumberedAndEndWithThePruneTheScanOwes() throws IOException {
        for (int file = 0; file < 3; file++) {
            HDFS.write("/bounded/f" + file, "x".getBytes(StandardCharsets.UTF_8));
        }
        final ListingSettings settings = settings("/bounded", 2);
        final SourceListing listing = listing(settings, new ScanOnlyCapture());
        listing.load(Map.of());
        assertEquals("scan-only /bounded", listing.configurationKey());

        final ListingRun first = listing.run();
        assertEquals(List.of("1 MKDIR /bounded", "2 COPY /bounded/f0"), described(first));
        assertTrue(first.state().prunePending());
        final ListingRun second = listing.run();
        assertEquals(List.of("3 COPY /bounded/f1", "4 COPY /bounded/f2"), described(second));
        final ListingRun third = listing.run();
        assertEquals(List.of("5 PRUNE /bounded"), described(third));
        assertFalse(third.state().prunePending());
        assertTrue(third.state().scanCursor().isDone());
        assertTrue(listing.run().records().isEmpty(), "scan-only emits nothing after its prune");
        assertFalse(listing.waitsForChanges());

        // a listing taken up from the committed state of the second run goes on from there
        final SourceListing restarted = listing(settings, new ScanOnlyCapture());
        restarted.load(second.state().toMap());
        assertEquals(List.of("5 PRUNE /bounded"), described(restarted.run()));
    }

    @Test
    void anotherModeStartsOverAndKeepsNumbering() throws IOException {
        HDFS.write("/switched/a", "a".getBytes(StandardCharsets.UTF_8));
        final ListingSettings settings = settings("/switched", 100);
        final SourceListing scanOnly = listing(settings, new ScanOnlyCapture());
        scanOnly.load(Map.of());
        final ListingState committed = scanOnly.run().state();
        assertEquals(3, committed.sequence(), "MKDIR, COPY and PRUNE");

        final SourceListing inotify = listing(settings, new InotifyCapture(settings, REPORT_ONLY, new SettableClock(Instant.now()), log));
        final long transactionBefore = HDFS.getCurrentTransactionId();
        inotify.load(committed.toMap());
        assertTrue(log.infos.stream().anyMatch(message -> message.contains("from [scan-only /switched] to [inotify /switched]: starting the listing over")),
                log.infos.toString());
        final ListingRun run = inotify.run();
        assertEquals(List.of("4 MKDIR /switched", "5 COPY /switched/a", "6 PRUNE /switched"), described(run));
        assertTrue(run.state().transactionId() >= transactionBefore, "the change stream position is fixed before the scan starts");
        assertTrue(inotify.waitsForChanges());
    }

    @Test
    void unreadableStateIsRefusedWithTheValue() {
        final SourceListing listing = listing(settings("/any", 10), new ScanOnlyCapture());
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> listing.load(Map.of(ListingState.CONFIGURATION, "scan-only /any", ListingState.SCAN_CURSOR, "{not json")));
        assertTrue(refused.getMessage().contains("{not json"), refused.getMessage());
    }

    @Test
    void fileOpenTooLongIsReportedOnceAndCopiedOnlyWhenItsWriterCloses() throws Exception {
        HDFS.mkdirs("/held");
        final SettableClock clock = new SettableClock(Instant.now());
        final ListingSettings settings = settings("/held", 100);
        final SourceListing listing = listing(settings, new InotifyCapture(settings, REPORT_ONLY, clock, log));
        listing.load(Map.of());
        listing.run();
        try (FSDataOutputStream out = HDFS.getFileSystem().create(new Path("/held/slow.log"))) {
            out.write("part".getBytes(StandardCharsets.UTF_8));
            out.hflush();
            assertTrue(listing.run().records().isEmpty(), "nothing to copy while the writer holds the file");
            clock.advance(Duration.ofHours(2));
            final ListingRun overdue = listing.run();
            assertTrue(overdue.records().isEmpty(), "Report and Wait for Close emits no record for an open file");
            assertEquals(1, overdue.overdueOpenFiles());
            assertTrue(log.warnings.getFirst().startsWith("/held/slow.log has been open for writing for more than PT1H"), log.warnings.toString());
            clock.advance(Duration.ofHours(2));
            assertEquals(0, listing.run().overdueOpenFiles(), "reported once");
        }
        final ListingRun closed = listing.run();
        assertEquals(1, closed.records().size(), closed.records().toString());
        final ListedRecord copy = closed.records().getFirst();
        assertEquals(OperationType.COPY, copy.operation().type());
        assertEquals(ChangeSource.INOTIFY, copy.operation().changeSource());
        assertEquals(4L, copy.operation().length());
        assertFalse(copy.openFile());
        assertTrue(copy.transactionsBehind() >= 0);
        assertEquals(1, log.warnings.size());
    }
    @Test
    void aRunHandsOnWhatItReadWithinItsWindowWhileTheSourceNeverPausesAndTheNextRunGoesOn() throws Exception {
        HDFS.mkdirs("/busy");
        final ListingSettings settings = settings("/busy", 10_000);
        // every reading of the clock moves it on 100 ms: as if each batch took that long while changes kept coming
        final SettableClock clock = new SettableClock(Instant.now());
        final Clock ticking = new Clock() {
            @Override
            public Instant instant() {
                clock.advance(Duration.ofMillis(100));
                return clock.instant();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(final ZoneId zone) {
                return this;
            }
        };
        final SourceListing listing = listing(settings, new InotifyCapture(settings, REPORT_ONLY, ticking, log));
        listing.load(Map.of());
        listing.run();
        final int files = 30;
        for (int file = 0; file < files; file++) {
            HDFS.write("/busy/f-" + file, new byte[] {(byte) file});
        }

        final ListingRun first = listing.run();
        assertTrue(first.records().size() < files, "the first run read past its window: " + first.records().size() + " records");
        final List<String> copied = new ArrayList<>(copies(first));
        for (int run = 0; run < 10 * files && copied.size() < files; run++) {
            copied.addAll(copies(listing.run()));
        }
        assertEquals(files, copied.size(), copied.toString());
        assertEquals(files, new HashSet<>(copied).size(), "each file listed once: " + copied);
    }

    private static List<String> copies(final ListingRun run) {
        return run.records().stream().filter(record -> record.operation().type() == OperationType.COPY).map(record -> record.operation().path()).toList();
    }
}
