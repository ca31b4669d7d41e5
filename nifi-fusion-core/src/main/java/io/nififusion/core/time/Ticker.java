package io.nififusion.core.time;

import java.util.concurrent.TimeUnit;

/**
 * Monotonic time and waiting on it, for what paces itself (bandwidth, call rates): the system's in production, one a
 * test advances itself so that it checks the waits without waiting.
 */
public interface Ticker {

    /** The system's {@link System#nanoTime()} and sleep. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(final long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    long nanoTime();

    /** Waits this long; returns at once for zero or less. */
    void sleep(long nanos) throws InterruptedException;
}
