package io.nififusion.processors.torture;

import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.list.ChangeCaptureMode;
import io.nififusion.processors.list.ListHDFSChanges;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.slf4j.helpers.MessageFormatter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one ListHDFSChanges of the cluster (primary node only), triggered serially by its own thread, every record it
 * emits handed to the scheduler with all its attributes. It can be paused (so changes pile up unread, for a change
 * stream gap) and restarted as a new instance on a new "primary node" that starts from the persisted cluster state.
 */
final class ListingDriver implements Runnable {
    private static final long RUN_SCHEDULE_MILLIS = 100;
    private static final long PAUSE_LIMIT_MILLIS = 30_000;

    private final TortureEnvironment environment;
    private final TortureLayout layout;
    private final ChangeCaptureMode mode;
    private final RecordScheduler scheduler;
    private final TortureLog records;
    private final PipelineStatistics statistics;
    private final long deadlineNanos;
    private final AtomicLong flowFileIds = new AtomicLong(1);
    private final Object lock = new Object();
    private TestRunner runner;
    private StandardHdfsSourceService service;
    private int generation;
    private boolean pauseRequested;
    private boolean paused;
    private volatile boolean stopRequested;
    /** Guarded by {@code lock}: triggers started, and the quiet streak (consecutive empty, error-free triggers) with its first trigger. */
    private long triggersStarted;
    private int quietTriggers;
    private long quietStreakFirstTrigger;
    private long quietStreakLastTrigger;
    /** Touched only by the listing thread, and by a restart while that thread is paused. */
    private int warningsReported;
    private int errorsReported;

    ListingDriver(final TortureEnvironment environment, final TortureLayout layout, final ChangeCaptureMode mode, final RecordScheduler scheduler,
                  final TortureLog records, final PipelineStatistics statistics, final long deadlineNanos) throws InitializationException, IOException {
        this.environment = environment;
        this.layout = layout;
        this.mode = mode;
        this.scheduler = scheduler;
        this.records = records;
        this.statistics = statistics;
        this.deadlineNanos = deadlineNanos;
        startInstance(null);
    }

    @Override
    public void run() {
        try {
            while (!stopRequested && System.nanoTime() < deadlineNanos) {
                synchronized (lock) {
                    if (pauseRequested) {
                        paused = true;
                        lock.notifyAll();
                        lock.wait(50);
                        continue;
                    }
                    paused = false;
                }
                final boolean emitted = trigger();
                if (!emitted) {
                    Thread.sleep(RUN_SCHEDULE_MILLIS);
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether the trigger emitted records */
    private boolean trigger() {
        final TestRunner current;
        final long triggerNumber;
        synchronized (lock) {
            current = runner;
            triggerNumber = ++triggersStarted;
        }
        final SingleTrigger.Outcome outcome = SingleTrigger.run(current, List.of(), flowFileIds, current.getStateManager());
        statistics.count("listing triggers");
        if (outcome.failure() != null) {
            statistics.count("listing triggers that threw");
            records.add("listing trigger threw: " + SourceOperations.firstLine(String.valueOf(outcome.failure())));
        }
        reportNewMessages(current);
        int emitted = 0;
        for (final MockFlowFile flowFile : outcome.get(ListHDFSChanges.REL_SUCCESS)) {
            scheduler.offerListed(flowFile.getAttributes());
            emitted++;
        }
        synchronized (lock) {
            if (emitted > 0 || outcome.failure() != null) {
                quietTriggers = 0;
            } else {
                if (quietTriggers++ == 0) {
                    quietStreakFirstTrigger = triggerNumber;
                }
                quietStreakLastTrigger = triggerNumber;
            }
        }
        return emitted > 0;
    }

    /** The listing's own warnings and errors (a gap found in the change stream, say) go to the record log where they happened. */
    private void reportNewMessages(final TestRunner current) {
        final List<LogMessage> warnings = current.getLogger().getWarnMessages();
        final List<LogMessage> errors = current.getLogger().getErrorMessages();
        for (int i = warningsReported; i < warnings.size(); i++) {
            records.add("listing WARN " + format(warnings.get(i)));
        }
        for (int i = errorsReported; i < errors.size(); i++) {
            records.add("listing ERROR " + format(errors.get(i)));
        }
        warningsReported = warnings.size();
        errorsReported = errors.size();
    }

    private static String format(final LogMessage message) {
        return SourceOperations.firstLine(MessageFormatter.arrayFormat(message.getMsg(), message.getArgs()).getMessage());
    }

    /** Triggers started so far: a mark for {@link #isQuietSince}. */
    long triggersStarted() {
        synchronized (lock) {
            return triggersStarted;
        }
    }

    /**
     * Whether the current quiet streak (triggers in a row that emitted nothing and did not fail) holds at least
     * {@code triggers} triggers that started after the mark: only those read the source after the changes the caller made
     * before taking the mark.
     */
    boolean isQuietSince(final long mark, final int triggers) {
        synchronized (lock) {
            return quietTriggers > 0 && quietStreakLastTrigger - Math.max(quietStreakFirstTrigger, mark + 1) + 1 >= triggers;
        }
    }

    int quietTriggers() {
        synchronized (lock) {
            return quietTriggers;
        }
    }

    /** Asks the thread to stop triggering and waits until it is between triggers. */
    boolean pause() throws InterruptedException {
        final long deadline = System.currentTimeMillis() + PAUSE_LIMIT_MILLIS;
        synchronized (lock) {
            pauseRequested = true;
            while (!paused) {
                final long remaining = deadline - System.currentTimeMillis();
                if (remaining <= 0) {
                    return false;
                }
                lock.wait(remaining);
            }
            return true;
        }
    }

    void resume() {
        synchronized (lock) {
            pauseRequested = false;
            lock.notifyAll();
        }
    }

    /**
     * A new primary node: the running instance is stopped as NiFi stops it, and a new instance with its own service
     * starts from the cluster state the old one committed. The caller pauses the driver first.
     */
    void restart() throws InitializationException, IOException {
        synchronized (lock) {
            final Map<String, String> state = runner.getStateManager().getState(Scope.CLUSTER).toMap();
            stopInstance();
            startInstance(state);
            records.add("listing restarted as instance " + generation + " from state " + state);
        }
    }

    void stop() {
        stopRequested = true;
    }

    void shutDown() {
        synchronized (lock) {
            stopInstance();
        }
    }

    private void startInstance(final Map<String, String> state) throws InitializationException, IOException {
        generation++;
        final TestRunner newRunner = TestRunners.newTestRunner(ListHDFSChanges.class);
        final StandardHdfsSourceService newService = FusionTestServices.addSource(newRunner, environment.hdfs(),
                environment.workDirectory().resolve(layout.runName()).resolve("listing-" + generation));
        newRunner.setProperty(ListHDFSChanges.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        newRunner.setProperty(ListHDFSChanges.SOURCE_ROOTS, layout.listingRootsProperty());
        newRunner.setProperty(ListHDFSChanges.EXCLUSIONS, TortureExclusions.LISTING_PROPERTY);
        newRunner.setProperty(ListHDFSChanges.CHANGE_CAPTURE_MODE, mode);
        newRunner.setProperty(ListHDFSChanges.MAX_RECORDS_PER_TRIGGER, "25");
        if (mode == ChangeCaptureMode.INOTIFY) {
            newRunner.setProperty(ListHDFSChanges.POLL_TIMEOUT, "200 ms");
        }
        if (state != null && !state.isEmpty()) {
            newRunner.getStateManager().setState(state, Scope.CLUSTER);
        }
        newRunner.run(0, false, true);
        runner = newRunner;
        service = newService;
        warningsReported = 0;
        errorsReported = 0;
    }

    private void stopInstance() {
        runner.unSchedule();
        runner.stop();
        runner.disableControllerService(service);
    }
}
