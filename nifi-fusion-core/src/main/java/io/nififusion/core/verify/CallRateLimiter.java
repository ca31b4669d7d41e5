package io.nififusion.core.verify;

import io.nififusion.core.time.Ticker;

import java.util.concurrent.TimeUnit;

/**
 * Spaces calls evenly so an audit does not hammer the NameNode: at most {@code permitsPerSecond} calls start per
 * second across all threads sharing the limiter. Zero or less means unlimited.
 */
public final class CallRateLimiter {
    private final Ticker ticker;
    private final long intervalNanos;
    private long nextFreeNanos;

    public CallRateLimiter(final double permitsPerSecond) {
        this(permitsPerSecond, Ticker.SYSTEM);
    }

    public CallRateLimiter(final double permitsPerSecond, final Ticker ticker) {
        this.ticker = ticker;
        this.intervalNanos = permitsPerSecond > 0 ? (long) (TimeUnit.SECONDS.toNanos(1) / permitsPerSecond) : 0;
        this.nextFreeNanos = ticker.nanoTime();
    }

    public static CallRateLimiter unlimited() {
        return new CallRateLimiter(0);
    }

    public boolean isLimited() {
        return intervalNanos > 0;
    }

    /** Waits until the next call may start. */
    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        final long waitNanos;
        synchronized (this) {
            final long now = ticker.nanoTime();
            // A limiter idle for a while does not bank permits: the next call starts now, later ones are spaced
            final long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + intervalNanos;
            waitNanos = start - now;
        }
        if (waitNanos > 0) {
            ticker.sleep(waitNanos);
        }
    }
}
