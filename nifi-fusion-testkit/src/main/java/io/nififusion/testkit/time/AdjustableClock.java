package io.nififusion.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it, so time-dependent behaviour is tested without sleeping. */
public final class AdjustableClock extends Clock {
    private volatile Instant now;

    public AdjustableClock(final Instant start) {
        this.now = start;
    }

    public void advance(final Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        throw new UnsupportedOperationException("An adjustable clock has no zones");
    }
}
