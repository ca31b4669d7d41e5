package io.nififusion.bench.worker;

import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.processors.list.ListHDFSChanges;
import io.nififusion.processors.replicate.ReplicateToADLS;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ReplicateToADLS applying the records of changes that move no bytes (chmods, renames, deletes, mkdirs): {@code
 * metadata-seed} migrates a tree and keeps its listing's state, {@code metadata-apply} lists what changed after and
 * times the application of those records. The listings' states are kept with the drain's ({@link ListingDrainTasks}).
 */
final class MetadataRecordTasks {
    private final ListingDrainTasks drains;

    MetadataRecordTasks(final ListingDrainTasks drains) {
        this.drains = drains;
    }

    /**
     * A migration's first day on a tree, untimed: ListHDFSChanges with its initial scan lists the root, ReplicateToADLS
     * applies every record (directories made, files copied), and the listing's state is kept under the label, so that
     * {@code metadata-apply} lists the changes made after it.
     */
    ContestTask seed() {
        return (command, context, window, result) -> {
            final ScheduledRunner listing = new ScheduledRunner(NifiRunners.listing(context, command.path("roots").asText()));
            final Map<String, String> settings = ListingDrainTasks.settings(command);
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
            drains.keep(command.path("label").asText(), listing.runner().getStateManager().getState(Scope.CLUSTER).toMap());
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
    ContestTask apply() {
        return (command, context, window, result) -> {
            final Map<String, String> state = drains.state(command.path("label").asText());
            final List<Map<String, String>> listed = new ArrayList<>();
            final ScheduledRunner listing = ListingDrainTasks.startFrom(state, command, context);
            ListingDrainTasks.drainToMarker(listing, command, null, listed);
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
        NifiRunners.dropTransferred(runner);
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
            NifiRunners.dropTransferred(runner);
        }
        replicate.runner().stop();
        return outcomes;
    }
}
