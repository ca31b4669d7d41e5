package io.nififusion.processors.torture;

import org.apache.nifi.reporting.InitializationException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline as a NiFi cluster runs it: one ListHDFSChanges (primary node), and on each of several nodes concurrent
 * tasks of ReplicateToADLS (then VerifyChecksum), all on real threads, fed from one {@link RecordScheduler}. Nodes and
 * the listing can be restarted while the pipeline runs.
 */
final class SimulatedCluster {
    /** Nodes differ in how their target services authenticate, as they may while credentials are rolled out node by node. */
    private static final List<ReplicationNode.TargetCredential> CREDENTIALS = List.of(ReplicationNode.TargetCredential.SAS_TOKEN,
            ReplicationNode.TargetCredential.ACCOUNT_KEY, ReplicationNode.TargetCredential.SERVICE_PRINCIPAL_SECRET);
    private static final long QUIESCENCE_POLL_MILLIS = 100;
    private static final int QUIET_LISTING_TRIGGERS = 3;
    private static final Duration TASK_STOP_LIMIT = Duration.ofSeconds(60);
    private static final Duration BUSY_NODE_WAIT = Duration.ofSeconds(3);

    private final TortureEnvironment environment;
    private final TortureLayout layout;
    private final TortureSettings settings;
    private final RecordScheduler scheduler;
    private final TortureLog records;
    private final PipelineStatistics statistics = new PipelineStatistics();
    private final long deadlineNanos;
    private final List<NodeSlot> slots = new ArrayList<>();
    private final ListingDriver listing;
    private final Thread listingThread;

    private SimulatedCluster(final TortureEnvironment environment, final TortureLayout layout, final TortureSettings settings, final TortureLog records,
                             final long deadlineNanos) throws InitializationException, IOException {
        this.environment = environment;
        this.layout = layout;
        this.settings = settings;
        this.records = records;
        this.deadlineNanos = deadlineNanos;
        this.scheduler = new RecordScheduler(settings.seed(), records);
        this.listing = new ListingDriver(environment, layout, settings.mode(), scheduler, records, statistics, deadlineNanos);
        this.listingThread = daemon(listing, "listing");
    }

    static SimulatedCluster start(final TortureEnvironment environment, final TortureLayout layout, final TortureSettings settings, final TortureLog records,
                                  final long deadlineNanos) throws InitializationException, IOException {
        final SimulatedCluster cluster = new SimulatedCluster(environment, layout, settings, records, deadlineNanos);
        for (int index = 1; index <= settings.nodes(); index++) {
            final NodeSlot slot = new NodeSlot(index);
            cluster.slots.add(slot);
            cluster.startNode(slot);
        }
        cluster.listingThread.start();
        return cluster;
    }

    ListingDriver listing() {
        return listing;
    }

    PipelineStatistics statistics() {
        return statistics;
    }

    RecordScheduler scheduler() {
        return scheduler;
    }

    int nodeCount() {
        return slots.size();
    }

    /**
     * Stops the node in the slot while it is in a trigger (waiting briefly for one), then starts a new node in its
     * place. A crash discards what its running triggers return; a graceful stop lets them finish.
     */
    String restartNode(final int slotIndex, final boolean crash) throws InitializationException, IOException, InterruptedException {
        final NodeSlot slot = busySlot(slotIndex);
        final ReplicationNode old = slot.node();
        final int active = old.activeCopies();
        if (crash) {
            old.crash();
        } else {
            old.requestStop();
            old.unschedule();
        }
        final List<String> stuck = join(slot.tasks(), TASK_STOP_LIMIT);
        for (final String thread : stuck) {
            statistics.stuckThread(thread + " did not return within " + TASK_STOP_LIMIT.toSeconds() + " s of " + old.name() + " being stopped");
        }
        old.shutDown();
        final ReplicationNode replacement = startNode(slot);
        return (crash ? "crashed " : "stopped ") + old.name() + " with " + active + " ReplicateToADLS triggers running, started " + replacement.name()
                + (stuck.isEmpty() ? "" : "; tasks that did not stop: " + stuck);
    }

    /** Stops ListHDFSChanges and starts a new instance from its persisted state. */
    String restartListing() throws InitializationException, IOException, InterruptedException {
        if (!listing.pause()) {
            return "listing did not pause: not restarted";
        }
        try {
            listing.restart();
        } finally {
            listing.resume();
        }
        return "listing restarted from its persisted state";
    }

    /**
     * Waits until nothing is left to do: the scheduler holds no record and none is in flight, every verification queue is
     * empty, and the listing has triggered several times in a row without a record or an error.
     */
    boolean awaitQuiescence(final long limitNanos) throws InterruptedException {
        // Quiet triggers from before this call prove nothing about the changes made just before it
        final long mark = listing.triggersStarted();
        while (System.nanoTime() < limitNanos) {
            // The listing hands records over before a trigger counts as quiet; a task queues verifications and retries before it is done
            if (listing.isQuietSince(mark, QUIET_LISTING_TRIGGERS) && scheduler.isIdle() && verificationsIdle()) {
                return true;
            }
            Thread.sleep(QUIESCENCE_POLL_MILLIS);
        }
        return false;
    }

    /** Stops every thread and instance; returns the threads that did not stop in time. */
    List<String> shutDown() throws InterruptedException {
        listing.stop();
        for (final NodeSlot slot : slots) {
            slot.node().requestStop();
            slot.node().unschedule();
        }
        final List<String> stuck = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        threads.add(listingThread);
        for (final NodeSlot slot : slots) {
            threads.addAll(slot.tasks());
        }
        stuck.addAll(join(threads, TASK_STOP_LIMIT));
        listing.shutDown();
        for (final NodeSlot slot : slots) {
            slot.node().shutDown();
        }
        return stuck;
    }

    String describeBacklog() {
        final StringBuilder text = new StringBuilder("scheduler: ").append(scheduler.describe()).append('\n');
        for (final NodeSlot slot : slots) {
            text.append("verifications waiting on node ").append(slot.index()).append(": ").append(slot.verifications().size()).append('\n');
        }
        text.append("listing quiet triggers in a row: ").append(listing.quietTriggers()).append('\n');
        text.append(scheduler.describeQueue(40));
        return text.toString();
    }

    /** The first slot from the planned one whose node is inside a ReplicateToADLS trigger, waiting briefly for one; else the planned one. */
    private NodeSlot busySlot(final int plannedIndex) throws InterruptedException {
        final long busyDeadline = System.nanoTime() + BUSY_NODE_WAIT.toNanos();
        while (System.nanoTime() < busyDeadline) {
            for (int offset = 0; offset < slots.size(); offset++) {
                final NodeSlot slot = slots.get((plannedIndex + offset) % slots.size());
                if (slot.node().activeCopies() > 0) {
                    return slot;
                }
            }
            Thread.sleep(5);
        }
        return slots.get(plannedIndex);
    }

    private boolean verificationsIdle() {
        for (final NodeSlot slot : slots) {
            if (!slot.verifications().isIdle()) {
                return false;
            }
        }
        return true;
    }

    private ReplicationNode startNode(final NodeSlot slot) throws InitializationException, IOException {
        final ReplicationNode node = ReplicationNode.start(slot.nextNodeName(), environment, layout, settings.tasksPerNode(),
                CREDENTIALS.get(slot.index() % CREDENTIALS.size()));
        final List<Thread> tasks = new ArrayList<>();
        for (int task = 1; task <= settings.tasksPerNode(); task++) {
            final ReplicationTask replicationTask = new ReplicationTask(slot, node, task, scheduler, records, statistics, deadlineNanos);
            tasks.add(daemon(replicationTask, replicationTask.worker()));
        }
        slot.install(node, tasks);
        for (final Thread task : tasks) {
            task.start();
        }
        records.add("started " + node.name() + " with " + tasks.size() + " tasks");
        return node;
    }

    private static Thread daemon(final Runnable runnable, final String name) {
        final Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
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
