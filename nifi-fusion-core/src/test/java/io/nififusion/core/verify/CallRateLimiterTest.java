package io.nififusion.core.verify;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallRateLimiterTest {

    @Test
    void spacesCallsToTheConfiguredRate() throws InterruptedException {
        final CallRateLimiter limiter = new CallRateLimiter(50);
        final long start = System.nanoTime();
        for (int i = 0; i < 11; i++) {
            limiter.acquire();
        }
        final long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // 11 calls at 50 per second: the first starts at once, the other ten 20 ms apart
        assertTrue(elapsedMillis >= 190, "11 calls at 50/s took only " + elapsedMillis + " ms");
        assertTrue(limiter.isLimited());
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        final CallRateLimiter limiter = CallRateLimiter.unlimited();
        final long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            limiter.acquire();
        }
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1000);
        assertFalse(limiter.isLimited());
    }
}
