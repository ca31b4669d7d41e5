package io.nififusion.core.copy;

import io.nififusion.core.time.Ticker;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket shared by every copy of one node: callers take a token per byte before they move it, and wait when
 * the bucket is empty. The bucket holds at most one second of tokens, so an idle period allows a burst of one second.
 * A rate of zero or less disables the limit.
 */
public final class BandwidthThrottle {
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Ticker ticker;
    private long bytesPerSecond;
    private double tokens;
    private long lastRefillNanos;

    public BandwidthThrottle(final long bytesPerSecond) {
        this(bytesPerSecond, Ticker.SYSTEM);
    }

    public BandwidthThrottle(final long bytesPerSecond, final Ticker ticker) {
        this.ticker = ticker;
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = Math.max(0, bytesPerSecond);
        this.lastRefillNanos = ticker.nanoTime();
    }

    public synchronized long getBytesPerSecond() {
        return bytesPerSecond;
    }

    /** Changes the rate, e.g. when the property changes while other tasks still hold the bucket. */
    public synchronized void setBytesPerSecond(final long newBytesPerSecond) {
        refill(ticker.nanoTime());
        this.bytesPerSecond = newBytesPerSecond;
        this.tokens = Math.min(tokens, Math.max(0, newBytesPerSecond));
    }

    /**
     * Takes tokens for the bytes, waiting as long as the rate requires. Requests larger than the bucket go into debt,
     * so a chunk bigger than one second of bandwidth still passes, and the callers after it wait.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public void acquire(final long bytes) throws InterruptedException {
        final long waitNanos;
        synchronized (this) {
            if (bytesPerSecond <= 0 || bytes <= 0) {
                return;
            }
            final long now = ticker.nanoTime();
            refill(now);
            tokens -= bytes;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens * NANOS_PER_SECOND / bytesPerSecond);
        }
        if (waitNanos > 0) {
            ticker.sleep(waitNanos);
        }
    }

    private void refill(final long now) {
        if (bytesPerSecond > 0) {
            final double earned = (double) (now - lastRefillNanos) * bytesPerSecond / NANOS_PER_SECOND;
            tokens = Math.min(bytesPerSecond, tokens + earned);
        }
        lastRefillNanos = now;
    }
}
