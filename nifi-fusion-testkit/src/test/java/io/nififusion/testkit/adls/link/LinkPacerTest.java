package io.nififusion.testkit.adls.link;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinkPacerTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aSenderAheadOfTheCapWaitsUntilItsAverageIsTheCap() {
        final LinkPacer pacer = new LinkPacer(64 * MIB);
        assertEquals(1_000_000_000L, pacer.nanosToWait(64 * MIB, 0), "64 MiB at once: one second to wait");
        assertEquals(500_000_000L, pacer.nanosToWait(64 * MIB, 500_000_000L));
        assertEquals(0, pacer.nanosToWait(64 * MIB, 2_000_000_000L), "behind the cap: no wait");
    }

    @Test
    void unlimitedOrNothingMovedNeverWaits() {
        assertEquals(0, new LinkPacer(0).nanosToWait(1L << 40, 0));
        assertEquals(0, new LinkPacer(MIB).nanosToWait(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinkPacer(-1));
    }

    @Test
    void pacedStreamsWaitOnTheSharedBudgetOfBothDirectionsAndKeepTheBytes() throws IOException {
        final ManualTimer timer = new ManualTimer();
        final PacedStreams paced = new PacedStreams(new LinkPacer(MIB), timer);
        final byte[] body = new byte[(int) (MIB / 2)];
        body[12345] = 7;
        final InputStream in = paced.input(new ByteArrayInputStream(body));
        final byte[] received = in.readAllBytes();
        assertArrayEquals(body, received);
        final int sleepsWhileReading = timer.sleeps.size();
        final ByteArrayOutputStream sink = new ByteArrayOutputStream();
        final OutputStream out = paced.output(sink);
        out.write(body);
        assertArrayEquals(body, sink.toByteArray());
        assertEquals(MIB, paced.bytesMoved());
        // one MiB over a 1 MiB/s link: the waits add up to one second of link time
        assertEquals(1_000_000_000L, timer.now, 1_000_000L);
        assertEquals(8, timer.sleeps.size() - sleepsWhileReading, "a 512 KiB write is paced in 64 KiB slices, not in one burst");
    }

    @Test
    void aProfileRefusesNegativeValuesAndSaysWhetherItShapes() {
        assertThrows(IllegalArgumentException.class, () -> new LinkProfile(Duration.ofMillis(-1), 0));
        assertThrows(IllegalArgumentException.class, () -> new LinkProfile(Duration.ZERO, -1));
        assertEquals(false, LinkProfile.LOOPBACK.isShaped());
        assertEquals(true, LinkProfile.of(20, 0).isShaped());
        assertEquals(64 * MIB, LinkProfile.of(0, 64).bytesPerSecond());
    }

    /** Time that moves only when the pacing sleeps. */
    private static final class ManualTimer implements LinkTimer {
        private long now;
        private final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(final long nanos) {
            sleeps.add(nanos);
            now += nanos;
        }
    }
}
