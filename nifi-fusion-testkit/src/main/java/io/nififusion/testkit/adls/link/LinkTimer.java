package io.nififusion.testkit.adls.link;

/** The time source and the waiting of a shaped link, apart so that the pacing can be driven without real time. */
public interface LinkTimer {
    LinkTimer SYSTEM = new LinkTimer() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(final long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;
}
