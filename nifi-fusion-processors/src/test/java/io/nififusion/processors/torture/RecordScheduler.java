package io.nififusion.processors.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The load-balanced connection from ListHDFSChanges to the ReplicateToADLS tasks of every node, as hostile as a NiFi
 * cluster can legitimately be: a seeded random delays records (back pressure, load balancing), hands ready records out
 * of order, hands a few out twice (a node that replays its FlowFile repository after a crash), batches them, and puts
 * retried records back after a penalty. Records are passed on with all their attributes, never interpreted.
 */
final class RecordScheduler {
    private static final long SCHEDULER_SALT = 0x5C4E_D001L;
    private static final long TAKE_WAIT_MILLIS = 50;
    private static final int DELAY_PERCENT = 20;
    private static final int DUPLICATE_PERCENT = 8;
    private static final int REORDER_PERCENT = 35;

    /** A record in the queue, with the harness's id for the record log. */
    record QueuedRecord(long id, Map<String, String> attributes, long readyAtMillis, int deliveries) {
    }

    private final Random random;
    private final TortureLog log;
    private final List<QueuedRecord> queue = new ArrayList<>();
    private long nextId = 1;
    private int inFlight;
    private long listed;
    private long duplicated;
    private long dispatched;
    private long reordered;

    RecordScheduler(final long seed, final TortureLog log) {
        this.random = new Random(seed ^ SCHEDULER_SALT);
        this.log = log;
    }

    synchronized void offerListed(final Map<String, String> attributes) {
        final long id = nextId++;
        listed++;
        final long delay = random.nextInt(100) < DELAY_PERCENT ? 20 + random.nextInt(600) : 0;
        queue.add(new QueuedRecord(id, Map.copyOf(attributes), now() + delay, 0));
        log.add("R" + id + " listed " + RecordText.of(attributes) + (delay > 0 ? " delayed " + delay + " ms" : ""));
        if (random.nextInt(100) < DUPLICATE_PERCENT) {
            final long duplicate = nextId++;
            duplicated++;
            final long duplicateDelay = 100 + random.nextInt(1500);
            queue.add(new QueuedRecord(duplicate, Map.copyOf(attributes), now() + duplicateDelay, 0));
            log.add("R" + duplicate + " duplicate of R" + id + ", delayed " + duplicateDelay + " ms");
        }
        notifyAll();
    }

    /** A record routed to retry goes back with the attributes the processor gave it, after the penalty. */
    synchronized void offerRetry(final QueuedRecord record, final Map<String, String> attributes, final long penaltyMillis) {
        final long delay = penaltyMillis + random.nextInt(300);
        queue.add(new QueuedRecord(record.id(), Map.copyOf(attributes), now() + delay, record.deliveries()));
        log.add("R" + record.id() + " back from retry in " + delay + " ms");
        notifyAll();
    }

    /** A record the processor created itself (a COPY of a file still open for writing, sent to retry): a new record, after the penalty. */
    synchronized void offerCreated(final Map<String, String> attributes, final long penaltyMillis, final String worker) {
        final long id = nextId++;
        final long delay = penaltyMillis + random.nextInt(300);
        queue.add(new QueuedRecord(id, Map.copyOf(attributes), now() + delay, 0));
        log.add("R" + id + " created on " + worker + " " + RecordText.of(attributes) + ", ready in " + delay + " ms");
        notifyAll();
    }

    /** A record that came back unchanged: not taken by a yielding processor, rolled back, or lost with a crashed node's session. */
    synchronized void offerReturned(final QueuedRecord record, final long delayMillis, final String reason) {
        queue.add(new QueuedRecord(record.id(), record.attributes(), now() + delayMillis, record.deliveries()));
        log.add("R" + record.id() + " returned to the queue (" + reason + "), ready in " + delayMillis + " ms");
        notifyAll();
    }

    /**
     * Up to {@code maxBatch} ready records for one trigger, waiting briefly when none is ready. Each must be passed to
     * {@link #done} once its outcome has been routed.
     */
    synchronized List<QueuedRecord> take(final String worker, final int maxBatch) throws InterruptedException {
        final long giveUpAt = now() + TAKE_WAIT_MILLIS;
        List<Integer> ready = readyIndices();
        while (ready.isEmpty()) {
            final long remaining = giveUpAt - now();
            if (remaining <= 0) {
                return List.of();
            }
            wait(Math.max(1, Math.min(remaining, millisUntilNextReady())));
            ready = readyIndices();
        }
        final int batchSize = Math.min(ready.size(), 1 + random.nextInt(maxBatch));
        final List<QueuedRecord> batch = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            final boolean outOfOrder = ready.size() > 1 && random.nextInt(100) < REORDER_PERCENT;
            final int chosen = outOfOrder ? random.nextInt(ready.size()) : 0;
            if (chosen > 0) {
                reordered++;
            }
            final QueuedRecord record = queue.remove((int) ready.get(chosen));
            batch.add(new QueuedRecord(record.id(), record.attributes(), record.readyAtMillis(), record.deliveries() + 1));
            ready = readyIndices();
        }
        inFlight += batch.size();
        dispatched += batch.size();
        final StringBuilder ids = new StringBuilder();
        for (final QueuedRecord record : batch) {
            ids.append(" R").append(record.id()).append(record.deliveries() > 1 ? "#" + record.deliveries() : "");
        }
        log.add("dispatch to " + worker + ":" + ids);
        return batch;
    }

    synchronized void done(final int count) {
        inFlight -= count;
        notifyAll();
    }

    synchronized boolean isIdle() {
        return queue.isEmpty() && inFlight == 0;
    }

    synchronized String describe() {
        return "listed " + listed + ", duplicated " + duplicated + ", dispatched " + dispatched + " (" + reordered + " out of order), queued "
                + queue.size() + ", in flight " + inFlight;
    }

    /** The queued records, for a run that did not quiesce. */
    synchronized String describeQueue(final int limit) {
        final StringBuilder text = new StringBuilder();
        final long now = now();
        for (int i = 0; i < Math.min(limit, queue.size()); i++) {
            final QueuedRecord record = queue.get(i);
            text.append("  R").append(record.id()).append(' ').append(RecordText.of(record.attributes())).append(" deliveries ")
                    .append(record.deliveries()).append(", ready in ").append(Math.max(0, record.readyAtMillis() - now)).append(" ms\n");
        }
        if (queue.size() > limit) {
            text.append("  ... and ").append(queue.size() - limit).append(" more\n");
        }
        return text.toString();
    }

    synchronized long listedCount() {
        return listed;
    }

    /** Records given an id: listed, duplicated by the scheduler, or created by a processor; each must end somewhere. */
    synchronized long recordsCreated() {
        return nextId - 1;
    }

    synchronized long duplicatedCount() {
        return duplicated;
    }

    synchronized long dispatchedCount() {
        return dispatched;
    }

    private List<Integer> readyIndices() {
        final long now = now();
        final List<Integer> ready = new ArrayList<>();
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).readyAtMillis() <= now) {
                ready.add(i);
            }
        }
        return ready;
    }

    private long millisUntilNextReady() {
        long next = Long.MAX_VALUE;
        final long now = now();
        for (final QueuedRecord record : queue) {
            next = Math.min(next, record.readyAtMillis() - now);
        }
        return next;
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
