package io.nififusion.processors.replicate;

import io.nififusion.core.ErrorMessages;
import io.nififusion.core.trash.TrashPurger;
import org.apache.nifi.logging.ComponentLog;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the trash within its retention: a purge of the batches past it when one is due (at the first trigger, then
 * every few minutes on each node), a bounded number per purge, so no trigger pays for a backlog at once. A purge that
 * fails is tried at the next interval; records are never held back by it.
 */
final class TrashRetention {
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);
    private static final int BATCHES_PER_PURGE = 1000;

    private final TrashPurger purger;
    private final Duration retention;
    private final Clock clock;
    private final AtomicLong nextPurgeMillis = new AtomicLong();

    TrashRetention(final TrashPurger purger, final Duration retention, final Clock clock) {
        this.purger = purger;
        this.retention = retention;
        this.clock = clock;
    }

    void purgeIfDue(final ComponentLog logger) {
        final long now = clock.millis();
        final long due = nextPurgeMillis.get();
        if (now < due || !nextPurgeMillis.compareAndSet(due, now + PURGE_INTERVAL.toMillis())) {
            return;
        }
        try {
            final int purged = purger.purge(retention, BATCHES_PER_PURGE);
            if (purged > 0) {
                logger.info("Purged {} trash batches older than {}", purged, retention);
            }
        } catch (final RuntimeException e) {
            logger.warn("Purging the trash failed; trying again in {}: {}", PURGE_INTERVAL, ErrorMessages.describe(e));
        }
    }
}
