package io.nififusion.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it, so time-dependent behaviour is tested without sleeping. */
public final class SettableClock extends Clock {
    private volatile Instant now;

    public SettableClock(final Instant start) {
        this.now = start;
    }

    public void set(final Instant instant) {
        this.now = instant;
    }

    public void advance(final Duration duration) {
        this.now = now.plus(duration);
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
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("A SettableClock is in UTC only");
    }
}
