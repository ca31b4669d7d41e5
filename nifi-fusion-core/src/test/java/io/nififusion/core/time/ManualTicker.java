package io.nififusion.core.time;

import java.util.concurrent.atomic.AtomicLong;

/** A ticker whose time moves only when something sleeps on it (by exactly that much): waits are checked, never waited. */
public final class ManualTicker implements Ticker {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong slept = new AtomicLong();
    private final AtomicLong sleeps = new AtomicLong();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleep(final long nanos) {
        if (nanos > 0) {
            now.addAndGet(nanos);
            slept.addAndGet(nanos);
            sleeps.incrementAndGet();
        }
    }

    /** Lets time pass without anyone waiting (an idle period). */
    public void advance(final long nanos) {
        now.addAndGet(nanos);
    }

    public long sleptNanos() {
        return slept.get();
    }

    public long sleeps() {
        return sleeps.get();
    }
}
