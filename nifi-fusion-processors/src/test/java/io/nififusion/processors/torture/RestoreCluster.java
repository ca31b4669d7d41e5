package io.nififusion.processors.torture;

import io.nififusion.processors.restore.ExistingFilePolicyOption;
import org.apache.nifi.reporting.InitializationException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The restore side of a NiFi cluster: several nodes, each with concurrent RestoreToHDFS tasks on real threads, all fed
 * from one {@link RecordScheduler}; a node can be stopped mid-restore and replaced by a new one.
 */
final class RestoreCluster {
    private static final List<ReplicationNode.TargetCredential> CREDENTIALS = List.of(ReplicationNode.TargetCredential.SAS_TOKEN,
            ReplicationNode.TargetCredential.ACCOUNT_KEY, ReplicationNode.TargetCredential.SERVICE_PRINCIPAL_SECRET);
    private static final Duration TASK_STOP_LIMIT = Duration.ofSeconds(60);
    private static final Duration BUSY_NODE_WAIT = Duration.ofSeconds(3);
    private static final long QUIESCENCE_POLL_MILLIS = 50;

    /** A place for one node: the instance running there now and its task threads. */
    private static final class Slot {
        private final int index;
        private RestoreNode node;
        private final List<Thread> tasks = new ArrayList<>();
        private int generation;

        Slot(final int index) {
            this.index = index;
        }
    }

    private final TortureEnvironment environment;
    private final TortureLayout layout;
    private final String restoreRoot;
    private final ExistingFilePolicyOption existingFilePolicy;
    private final int tasksPerNode;
    private final RecordScheduler scheduler;
    private final RestoreLedger ledger;
    private final TortureLog records;
    private final PipelineStatistics statistics;
    private final long deadlineNanos;
    private final List<Slot> slots = new ArrayList<>();

    RestoreCluster(final TortureEnvironment environment, final TortureLayout layout, final String restoreRoot, final ExistingFilePolicyOption existingFilePolicy,
                   final int tasksPerNode, final RecordScheduler scheduler, final RestoreLedger ledger, final TortureLog records,
                   final PipelineStatistics statistics, final long deadlineNanos) {
        this.environment = environment;
        this.layout = layout;
        this.restoreRoot = restoreRoot;
        this.existingFilePolicy = existingFilePolicy;
        this.tasksPerNode = tasksPerNode;
        this.scheduler = scheduler;
        this.ledger = ledger;
        this.records = records;
        this.statistics = statistics;
        this.deadlineNanos = deadlineNanos;
    }

    void start(final int nodes) throws InitializationException, IOException {
        for (int index = 1; index <= nodes; index++) {
            final Slot slot = new Slot(index);
            slots.add(slot);
            startNode(slot);
        }
    }

    int nodeCount() {
        return slots.size();
    }

    /** Stops the node in the planned slot (or the first busy one after it, waiting briefly for one) mid-restore, then starts a new one there. */
    String stopNodeMidRestore(final int plannedIndex) throws InterruptedException, InitializationException, IOException {
        final Slot slot = busySlot(plannedIndex);
        final RestoreNode old = slot.node;
        final int active = old.activeRestores();
        old.stop();
        final List<String> stuck = join(new ArrayList<>(slot.tasks), TASK_STOP_LIMIT);
        for (final String thread : stuck) {
            statistics.stuckThread(thread + " did not return within " + TASK_STOP_LIMIT.toSeconds() + " s of " + old.name() + " being stopped");
        }
        old.shutDown();
        final RestoreNode replacement = startNode(slot);
        return "stopped " + old.name() + " with " + active + " RestoreToHDFS triggers running, started " + replacement.name();
    }

    /** Waits until no record is queued or in flight; false when the deadline came first. */
    boolean awaitIdle(final long limitNanos) throws InterruptedException {
        while (System.nanoTime() < limitNanos) {
            if (scheduler.isIdle()) {
                return true;
            }
            Thread.sleep(QUIESCENCE_POLL_MILLIS);
        }
        return false;
    }

    /** Stops every node; returns the threads that did not stop in time. */
    List<String> shutDown() throws InterruptedException {
        final List<Thread> threads = new ArrayList<>();
        for (final Slot slot : slots) {
            slot.node.stop();
            threads.addAll(slot.tasks);
        }
        final List<String> stuck = join(threads, TASK_STOP_LIMIT);
        for (final Slot slot : slots) {
            slot.node.shutDown();
        }
        return stuck;
    }

    private Slot busySlot(final int plannedIndex) throws InterruptedException {
        final long busyDeadline = System.nanoTime() + BUSY_NODE_WAIT.toNanos();
        while (System.nanoTime() < busyDeadline) {
            for (int offset = 0; offset < slots.size(); offset++) {
                final Slot slot = slots.get((plannedIndex + offset) % slots.size());
                if (slot.node.activeRestores() > 0) {
                    return slot;
                }
            }
            Thread.sleep(2);
        }
        return slots.get(plannedIndex);
    }

    private RestoreNode startNode(final Slot slot) throws InitializationException, IOException {
        slot.generation++;
        final RestoreNode node = RestoreNode.start("node-" + slot.index + "." + slot.generation, environment, layout, restoreRoot, existingFilePolicy,
                tasksPerNode, CREDENTIALS.get(slot.index % CREDENTIALS.size()));
        slot.node = node;
        slot.tasks.clear();
        for (int task = 1; task <= tasksPerNode; task++) {
            final RestoreTask restoreTask = new RestoreTask(node, task, scheduler, ledger, records, statistics, deadlineNanos);
            final Thread thread = new Thread(restoreTask, restoreTask.worker());
            thread.setDaemon(true);
            slot.tasks.add(thread);
        }
        slot.tasks.forEach(Thread::start);
        records.add("started " + node.name() + " with " + tasksPerNode + " tasks");
        return node;
    }

    private static List<String> join(final List<Thread> threads, final Duration limit) throws InterruptedException {
        final long deadline = System.nanoTime() + limit.toNanos();
        final List<String> stuck = new ArrayList<>();
        for (final Thread thread : threads) {
            final long remaining = deadline - System.nanoTime();
            if (remaining > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            }
            if (thread.isAlive()) {
                stuck.add(thread.getName());
            }
        }
        return stuck;
    }
}
