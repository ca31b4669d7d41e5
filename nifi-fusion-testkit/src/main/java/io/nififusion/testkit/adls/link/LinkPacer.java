package io.nififusion.testkit.adls.link;

/**
 * The pure arithmetic of a bandwidth cap: how long a sender that has moved some bytes since it started must wait so
 * that its average rate does not exceed the cap. Holds no clock; callers pass the elapsed time.
 */
public final class LinkPacer {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;

    /** @param bytesPerSecond the cap; 0 for unlimited */
    public LinkPacer(final long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth cannot be negative: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    /**
     * @param bytesMoved bytes moved since the start
     * @param elapsedNanos time since the start
     * @return nanoseconds to wait before moving more, 0 when the sender is within the cap
     */
    public long nanosToWait(final long bytesMoved, final long elapsedNanos) {
        if (bytesPerSecond == 0 || bytesMoved <= 0) {
            return 0;
        }
        final long earliest = (long) (bytesMoved * (double) NANOS_PER_SECOND / bytesPerSecond);
        return Math.max(0, earliest - elapsedNanos);
    }
}
