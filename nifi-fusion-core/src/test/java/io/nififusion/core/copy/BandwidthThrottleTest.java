package io.nififusion.core.copy;

import io.nififusion.core.time.ManualTicker;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class BandwidthThrottleTest {
    private static final long ONE_MILLISECOND = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void holdsTheRateAfterTheFirstSecondOfBurst() throws InterruptedException {
        final ManualTicker ticker = new ManualTicker();
        final BandwidthThrottle throttle = new BandwidthThrottle(1_000_000, ticker);

        for (int i = 0; i < 8; i++) {
            throttle.acquire(250_000);
        }

        // 2 MB at 1 MB/s with a 1 MB burst: the first four pass at once, the other four wait a quarter second each
        assertEquals(TimeUnit.SECONDS.toNanos(1), ticker.sleptNanos(), ONE_MILLISECOND);
        assertEquals(4, ticker.sleeps());
    }

    @Test
    void anIdleSecondRefillsTheBurstAndNoMore() throws InterruptedException {
        final ManualTicker ticker = new ManualTicker();
        final BandwidthThrottle throttle = new BandwidthThrottle(1_000_000, ticker);
        throttle.acquire(1_000_000);

        ticker.advance(TimeUnit.SECONDS.toNanos(5));
        throttle.acquire(1_000_000);
        throttle.acquire(500_000);

        // five idle seconds bank one second of bytes, not five: the last half megabyte waits half a second
        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), ticker.sleptNanos(), ONE_MILLISECOND);
    }

    @Test
    void aChunkLargerThanTheBucketPassesInDebtAndTheNextCallerPaysIt() throws InterruptedException {
        final ManualTicker ticker = new ManualTicker();
        final BandwidthThrottle throttle = new BandwidthThrottle(1_000_000, ticker);

        throttle.acquire(3_000_000);

        assertEquals(TimeUnit.SECONDS.toNanos(2), ticker.sleptNanos(), ONE_MILLISECOND);
    }

    @Test
    void zeroRateNeverWaits() throws InterruptedException {
        final ManualTicker ticker = new ManualTicker();
        final BandwidthThrottle throttle = new BandwidthThrottle(0, ticker);

        throttle.acquire(Long.MAX_VALUE / 2);

        assertEquals(0, ticker.sleeps());
    }

    @Test
    void tasksOfOneProcessorShareOneBucket() {
        final BandwidthThrottle first = BandwidthThrottles.forKey("shared-key", 10);
        final BandwidthThrottle second = BandwidthThrottles.forKey("shared-key", 20);

        assertSame(first, second);
        assertEquals(20, second.getBytesPerSecond());
        BandwidthThrottles.remove("shared-key");
    }
}
