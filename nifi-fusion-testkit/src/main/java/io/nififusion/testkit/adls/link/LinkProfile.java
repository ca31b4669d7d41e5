package io.nififusion.testkit.adls.link;

import java.time.Duration;
import java.util.Objects;

/**
 * What a long link between a copier and the storage account adds to every request: a fixed latency before the service
 * answers (one round trip over a wide-area link) and a cap on the bandwidth of each connection.
 *
 * @param latency added before each request is served; zero for none
 * @param bytesPerSecond bandwidth of one connection, both directions; 0 for unlimited
 */
public record LinkProfile(Duration latency, long bytesPerSecond) {
    public static final LinkProfile LOOPBACK = new LinkProfile(Duration.ZERO, 0);

    public LinkProfile {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("Link latency cannot be negative: " + latency);
        }
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("Link bandwidth cannot be negative: " + bytesPerSecond);
        }
    }

    /** @return a profile of {@code latencyMillis} per request and {@code mebibytesPerSecond} per connection (0: unlimited) */
    public static LinkProfile of(final long latencyMillis, final long mebibytesPerSecond) {
        return new LinkProfile(Duration.ofMillis(latencyMillis), mebibytesPerSecond * 1024 * 1024);
    }

    public boolean isShaped() {
        return !latency.isZero() || bytesPerSecond > 0;
    }

    @Override
    public String toString() {
        return latency.toMillis() + " ms per request, " + (bytesPerSecond == 0 ? "unlimited" : bytesPerSecond / (1024 * 1024) + " MiB/s per connection");
    }
}
