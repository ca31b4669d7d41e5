package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.processors.list.ListHDFSChanges;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
            final Map<String, String> state = state(command.path("label").asText());
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

    /** The state a listing was prepared or seeded with under the label; fails for an unknown label. */
    Map<String, String> state(final String label) {
        final Map<String, String> state = states.get(label);
        if (state == null) {
            throw new IllegalArgumentException("No listing prepared as " + label);
        }
        return state;
    }

    void keep(final String label, final Map<String, String> state) {
        states.put(label, state);
    }

    /** A new listing scheduled from the state, as a restarted primary node starts it. */
    static ScheduledRunner startFrom(final Map<String, String> state, final JsonNode command, final WorkerContext context)
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
    static ListingBatches drainToMarker(final ScheduledRunner listing, final JsonNode command, final LiveHeapProbe probe,
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

    static Map<String, String> settings(final JsonNode command) {
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
