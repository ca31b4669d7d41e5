package io.nififusion.core.verify;

import io.nififusion.core.time.ManualTicker;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallRateLimiterTest {

    @Test
    void spacesCallsToTheConfiguredRate() throws InterruptedException {
        final ManualTicker ticker = new ManualTicker();
        final CallRateLimiter limiter = new CallRateLimiter(50, ticker);

        for (int i = 0; i < 11; i++) {
            limiter.acquire();
        }

        // 11 calls at 50 per second: the first starts at once, the other ten 20 ms apart
        assertEquals(TimeUnit.MILLISECONDS.toNanos(200), ticker.sleptNanos());
        assertEquals(10, ticker.sleeps());
        assertTrue(limiter.isLimited());
    }

    @Test
    void anIdleLimiterBanksNoPermits() throws InterruptedException {
        final ManualTicker ticker = new ManualTicker();
        final CallRateLimiter limiter = new CallRateLimiter(10, ticker);
        limiter.acquire();

        ticker.advance(TimeUnit.SECONDS.toNanos(10));
        limiter.acquire();
        limiter.acquire();

        // after ten idle seconds the next call starts at once, and the one after it still waits its 100 ms
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), ticker.sleptNanos());
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        final ManualTicker ticker = new ManualTicker();
        final CallRateLimiter limiter = new CallRateLimiter(0, ticker);

        for (int i = 0; i < 100_000; i++) {
            limiter.acquire();
        }

        assertEquals(0, ticker.sleeps());
        assertFalse(limiter.isLimited());
    }
}
