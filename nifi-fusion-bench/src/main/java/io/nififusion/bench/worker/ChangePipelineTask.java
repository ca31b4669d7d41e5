package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.processors.list.ListHDFSChanges;
import io.nififusion.processors.replicate.ReplicateToADLS;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live path: ListHDFSChanges tailing the change stream (the shipped flow's settings: Run Schedule 0 sec, Poll
 * Timeout 1 sec) on one thread, handing its records to ReplicateToADLS on the other, as a connection does. Records
 * when each file of the root was committed at its final target path (the commit is the rename that makes it
 * visible), until {@code expected} files are, and reports those instants (epoch microseconds, the machine's clock,
 * which the writer in the harness's JVM shares).
 */
final class ChangePipelineTask implements ContestTask {
    private final Clock clock = Clock.systemUTC();

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final String root = command.path("root").asText();
        final int expected = command.path("expected").asInt();
        final Duration timeout = Duration.ofSeconds(command.path("timeoutSeconds").asLong(300));
        final ScheduledRunner listing = new ScheduledRunner(NifiRunners.listing(context, root));
        listing.schedule(Map.of(ListHDFSChanges.POLL_TIMEOUT.getName(), command.path("pollTimeout").asText("1 sec")), 1, false);
        final ScheduledRunner replicate = new ScheduledRunner(NifiRunners.replicate(context));
        replicate.schedule(Map.of(), command.path("tasks").asInt(4), true);
        final ListingBatches batches = new ListingBatches(listing);
        // the listing opens its change stream and scans the (empty) root before the writer starts
        batches.next();

        final BlockingQueue<Map<String, String>> connection = new LinkedBlockingQueue<>();
        final AtomicReference<Throwable> listingFailure = new AtomicReference<>();
        final Map<String, Long> visibleAt = new HashMap<>();
        final Map<String, Long> results = new HashMap<>();
        // a flag, not the thread's interrupt: the test runner's wait for its trigger swallows an interrupt, so a loop
        // that checked it ran on until the join below gave up (30 s of every round)
        final AtomicBoolean following = new AtomicBoolean(true);
        window.open();
        final Thread listingThread = new Thread(() -> {
            try {
                while (following.get()) {
                    for (final MockFlowFile flowFile : batches.next()) {
                        connection.add(new HashMap<>(flowFile.getAttributes()));
                    }
                }
            } catch (final Throwable e) {
                if (following.get()) {
                    listingFailure.set(e);
                }
            }
        }, "listing");
        listingThread.start();
        final long deadline = System.nanoTime() + timeout.toNanos();
        final TestRunner runner = replicate.runner();
        try {
            while (visibleAt.size() < expected) {
                if (listingFailure.get() != null) {
                    throw new IllegalStateException("ListHDFSChanges failed", listingFailure.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Only " + visibleAt.size() + " of " + expected + " files committed within " + timeout);
                }
                final Map<String, String> first = connection.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                final List<Map<String, String>> records = new ArrayList<>(List.of(first));
                connection.drainTo(records);
                for (final Map<String, String> record : records) {
                    runner.enqueue(new byte[0], record);
                }
                replicate.trigger(records.size());
                final long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
                for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS)) {
                    final String outcome = flowFile.getAttribute(OperationAttributes.RESULT);
                    results.merge(outcome, 1L, Long::sum);
                    if ("copied".equals(outcome)) {
                        visibleAt.putIfAbsent(flowFile.getAttribute(OperationAttributes.PATH), now);
                    }
                }
                final int failed = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).size();
                if (failed > 0) {
                    throw new IllegalStateException(failed + " records failed, e.g. "
                            + runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE).getFirst().getAttribute(OperationAttributes.ERROR_MESSAGE));
                }
                // records sent to retry are penalized in a flow and come back; here they go back on the queue at once
                for (final MockFlowFile retry : runner.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY)) {
                    connection.add(new HashMap<>(retry.getAttributes()));
                    results.merge("retry", 1L, Long::sum);
                }
                NifiRunners.dropTransferred(runner);
            }
        } finally {
            following.set(false);
            listingThread.join(TimeUnit.SECONDS.toMillis(30));
        }
        window.close();
        listing.runner().stop();
        replicate.runner().stop();
        final ObjectNode instants = result.putObject("visibleAtMicros");
        visibleAt.forEach(instants::put);
        result.put("records", batches.records());
        result.set("outcomes", ListingResults.json(results));
    }
}
