package io.nififusion.core.copy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The node-wide registry of throttles: all concurrent tasks of one processor share the bucket of its identifier, so
 * the limit holds per node however many tasks run.
 */
public final class BandwidthThrottles {
    private static final ConcurrentMap<String, BandwidthThrottle> THROTTLES = new ConcurrentHashMap<>();

    private BandwidthThrottles() {
    }

    /** The throttle of the key, created on first use; an existing one takes the new rate. */
    public static BandwidthThrottle forKey(final String key, final long bytesPerSecond) {
        final BandwidthThrottle throttle = THROTTLES.computeIfAbsent(key, ignored -> new BandwidthThrottle(bytesPerSecond));
        if (throttle.getBytesPerSecond() != bytesPerSecond) {
            throttle.setBytesPerSecond(bytesPerSecond);
        }
        return throttle;
    }

    /** Forgets the throttle of a key, e.g. when its processor is removed. */
    public static void remove(final String key) {
        THROTTLES.remove(key);
    }
}
