package io.nififusion.core.copy;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BandwidthThrottleTest {

    @Test
    void holdsTheRateAfterTheFirstSecondOfBurst() throws InterruptedException {
        final BandwidthThrottle throttle = new BandwidthThrottle(1_000_000);
        final long started = System.nanoTime();

        for (int i = 0; i < 8; i++) {
            throttle.acquire(250_000);
        }

        final long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // 2 MB at 1 MB/s with a 1 MB burst: about one second
        assertTrue(elapsedMillis >= 900 && elapsedMillis < 2_000, "elapsed " + elapsedMillis + " ms");
    }

    @Test
    void zeroRateNeverWaits() throws InterruptedException {
        final BandwidthThrottle throttle = new BandwidthThrottle(0);
        final long started = System.nanoTime();

        throttle.acquire(Long.MAX_VALUE / 2);

        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 100);
    }

    @Test
    void tasksOfOneProcessorShareOneBucket() {
        final BandwidthThrottle first = BandwidthThrottles.forKey("shared-key", 10);
        final BandwidthThrottle second = BandwidthThrottles.forKey("shared-key", 20);

        assertSame(first, second);
        assertTrue(second.getBytesPerSecond() == 20);
        BandwidthThrottles.remove("shared-key");
    }
}
