package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.processors.list.ListHDFSChanges;
import io.nififusion.processors.replicate.ReplicateToADLS;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ListHDFSChanges draining a backlog of changes. {@code listing-prepare} starts a listing (no initial scan) so it
 * records the change stream's position, and keeps its state under a label; the backlog is made after it.
 * {@code listing-drain} starts a new listing from that state, as a restarted primary node would, and triggers it until
 * the record of the marker file (written last) comes out; before that, the same drain untimed measures what one run
 * keeps alive ({@link LiveHeapProbe}).
 */
final class ListingDrainTasks {
    private final Map<String, Map<String, String>> states = new HashMap<>();

    ContestTask prepare() {
        return (command, context, window, result) -> {
            final ScheduledRunner listing = new ScheduledRunner(NifiRunners.listing(context, command.path("roots").asText()));
            listing.schedule(settings(command), 1, false);
            window.open();
            listing.trigger(1);
            window.close();
            final Map<String, String> state = listing.runner().getStateManager().getState(Scope.CLUSTER).toMap();
            listing.runner().stop();
            states.put(command.path("label").asText(), state);
            result.put("state", state.toString());
        };
    }

    ContestTask drain() {
        return (command, context, window, result) -> {
            final Map<String, String> state = states.get(command.path("label").asText());
            if (state == null) {
                throw new IllegalArgumentException("No listing prepared as " + command.path("label"));
            }
            if (command.path("probeHeap").asBoolean(true)) {
                // the same drain first, untimed, collecting all garbage after each run: what one run keeps alive, free of
                // when the collector happens to run in the timed drain; before the window, so that none of its NameNode
                // calls or CPU can fall into the harness's readings of the window
                final LiveHeapProbe probe = new LiveHeapProbe();
                final ScheduledRunner probed = startFrom(state, command, context);
                drainToMarker(probed, command, probe);
                probed.runner().stop();
                result.put("liveHeapMib", probe.peakMib());
            }
            final ScheduledRunner timed = startFrom(state, command, context);
            window.open();
            final ListingBatches batches = drainToMarker(timed, command, null);
            window.close();
            timed.runner().stop();
            result.put("records", batches.records());
            result.put("triggers", batches.triggers());
            result.set("recordsByOperation", ListingResults.json(batches.recordsByOperation()));
        };
    }

    /**
     * A migration's first day on a tree, untimed: ListHDFSChanges with its initial scan lists the root, ReplicateToADLS
     * applies every record (directories made, files copied), and the listing's state is kept under the label, so that
     * {@code metadata-apply} lists the changes made after it.
     */
    ContestTask seedMetadata() {
        return (command, context, window, result) -> {
            final ScheduledRunner listing = new ScheduledRunner(NifiRunners.listing(context, command.path("roots").asText()));
            final Map<String, String> settings = settings(command);
            settings.put(ListHDFSChanges.INITIAL_SCAN.getName(), "true");
            listing.schedule(settings, 1, false);
            final ListingBatches batches = new ListingBatches(listing);
            final List<Map<String, String>> records = new ArrayList<>();
            window.open();
            // the scan's runs, then a run that waits out its poll on a quiet source
            for (List<MockFlowFile> emitted = batches.next(); !emitted.isEmpty(); emitted = batches.next()) {
                emitted.forEach(flowFile -> records.add(new HashMap<>(flowFile.getAttributes())));
            }
            final Map<String, Long> outcomes = applyAll(context, records, command.path("tasks").asInt(4));
            window.close();
            states.put(command.path("label").asText(), listing.runner().getStateManager().getState(Scope.CLUSTER).toMap());
            listing.runner().stop();
            result.put("records", records.size());
            result.set("outcomes", ListingResults.json(outcomes));
        };
    }

    /**
     * The metadata records of a listing applied by ReplicateToADLS: the listing seeded under the label drains to the
     * marker before the window opens, its records other than COPY go to ReplicateToADLS ({@code tasks}), and the window
     * times their application until none is left. Afterwards the target must hold exactly the source's files under the
     * root, the marker aside.
     */
    ContestTask applyMetadata() {
        return (command, context, window, result) -> {
            final Map<String, String> state = states.get(command.path("label").asText());
            if (state == null) {
                throw new IllegalArgumentException("No listing prepared as " + command.path("label"));
            }
            final List<Map<String, String>> listed = new ArrayList<>();
            final ScheduledRunner listing = startFrom(state, command, context);
            drainToMarker(listing, command, null, listed);
            listing.runner().stop();
            final List<Map<String, String>> operations = listed.stream()
                    .filter(attributes -> !OperationType.COPY.name().equals(attributes.get(OperationAttributes.OPERATION))).toList();
            window.open();
            final Map<String, Long> outcomes = applyAll(context, operations, command.path("tasks").asInt(4));
            window.close();
            // every source file but the marker, whose COPY was left out with the others
            final String root = command.path("roots").asText();
            final String marker = command.path("marker").asText();
            TargetTree.assertHolds(context.target(), context.targetRoot() + root.substring(WorkerContext.SOURCE_ROOT.length()), root,
                    SourceFiles.list(context.source(), root).stream().filter(status -> !status.getPath().toUri().getPath().equals(marker)).toList());
            final Map<String, Long> byOperation = new TreeMap<>();
            operations.forEach(attributes -> byOperation.merge(attributes.get(OperationAttributes.OPERATION), 1L, Long::sum));
            result.put("operations", operations.size());
            result.set("operationsByType", ListingResults.json(byOperation));
            result.set("outcomes", ListingResults.json(outcomes));
        };
    }

    /**
     * Records applied by a ReplicateToADLS scheduled for them with {@code tasks} tasks, until none is left: a record sent
     * to retry goes back at once (a flow penalizes it first); any failure fails the run.
     *
     * @return results by kind, retries counted as {@code retry}
     */
    private static Map<String, Long> applyAll(final WorkerContext context, final List<Map<String, String>> records, final int tasks) {
        final ScheduledRunner replicate = new ScheduledRunner(NifiRunners.replicate(context));
        replicate.schedule(Map.of(), tasks, true);
        final TestRunner runner = replicate.runner();
        runner.clearTransferState();
        final Map<String, Long> outcomes = new TreeMap<>();
        List<Map<String, String>> pending = records;
        while (!pending.isEmpty()) {
            for (final Map<String, String> attributes : pending) {
                runner.enqueue(new byte[0], attributes);
            }
            replicate.trigger(pending.size());
            final List<MockFlowFile> failed = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_FAILURE);
            if (!failed.isEmpty()) {
                throw new IllegalStateException(failed.size() + " records failed, e.g. " + failed.getFirst().getAttributes());
            }
            for (final MockFlowFile done : runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS)) {
                outcomes.merge(done.getAttribute(OperationAttributes.RESULT), 1L, Long::sum);
            }
            pending = runner.getFlowFilesForRelationship(ReplicateToADLS.REL_RETRY).stream()
                    .map(flowFile -> Map.copyOf(flowFile.getAttributes())).toList();
            if (!pending.isEmpty()) {
                outcomes.merge("retry", (long) pending.size(), Long::sum);
            }
            runner.clearTransferState();
            runner.clearProvenanceEvents();
        }
        replicate.runner().stop();
        return outcomes;
    }

    /** A new listing scheduled from the state, as a restarted primary node starts it. */
    private static ScheduledRunner startFrom(final Map<String, String> state, final JsonNode command, final WorkerContext context)
            throws IOException {
        final TestRunner runner = NifiRunners.listing(context, command.path("roots").asText());
        runner.getStateManager().setState(state, Scope.CLUSTER);
        final ScheduledRunner listing = new ScheduledRunner(runner);
        listing.schedule(settings(command), 1, false);
        return listing;
    }

    /** Triggers the listing until the marker's record comes out. */
    private static ListingBatches drainToMarker(final ScheduledRunner listing, final JsonNode command, final LiveHeapProbe probe)
            throws IOException {
        return drainToMarker(listing, command, probe, null);
    }

    /** @param records takes the attributes of every record emitted, or null */
    private static ListingBatches drainToMarker(final ScheduledRunner listing, final JsonNode command, final LiveHeapProbe probe,
                                                final List<Map<String, String>> records) throws IOException {
        final ListingBatches batches = new ListingBatches(listing, probe);
        final String marker = command.path("marker").asText();
        final long deadline = System.nanoTime() + Duration.ofSeconds(command.path("timeoutSeconds").asLong(600)).toNanos();
        boolean markerSeen = false;
        while (!markerSeen) {
            for (final MockFlowFile flowFile : batches.next()) {
                markerSeen |= marker.equals(flowFile.getAttribute(OperationAttributes.PATH));
                if (records != null) {
                    records.add(new HashMap<>(flowFile.getAttributes()));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The listing did not reach the marker " + marker + " after " + batches.records() + " records "
                        + batches.recordsByOperation() + " in " + batches.triggers() + " triggers; state "
                        + listing.runner().getStateManager().getState(Scope.CLUSTER).toMap());
            }
        }
        return batches;
    }

    private static Map<String, String> settings(final JsonNode command) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(ListHDFSChanges.INITIAL_SCAN.getName(), "false");
        settings.put(ListHDFSChanges.EXCLUSIONS.getName(), command.path("exclusions").asText(ListHDFSChanges.EXCLUSIONS.getDefaultValue()));
        settings.put(ListHDFSChanges.POLL_TIMEOUT.getName(), command.path("pollTimeout").asText("1 sec"));
        if (command.has("maxRecordsPerTrigger")) {
            settings.put(ListHDFSChanges.MAX_RECORDS_PER_TRIGGER.getName(), command.path("maxRecordsPerTrigger").asText());
        }
        return settings;
    }
}
