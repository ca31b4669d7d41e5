package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.processors.list.ChangeCaptureMode;
import io.nififusion.processors.list.ListHDFSChanges;

import java.util.Map;

/** ListHDFSChanges's initial scan of a tree (scan only), triggered until it emits nothing more. */
final class ScanTask implements ContestTask {

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final ScheduledRunner listing = new ScheduledRunner(NifiRunners.listing(context, command.path("roots").asText()));
        listing.schedule(Map.of(ListHDFSChanges.CHANGE_CAPTURE_MODE.getName(), ChangeCaptureMode.SCAN_ONLY.getValue(),
                ListHDFSChanges.MAX_RECORDS_PER_TRIGGER.getName(), command.path("maxRecords").asText("10000")), 1, false);
        final ListingBatches batches = new ListingBatches(listing);
        window.open();
        while (!batches.next().isEmpty()) {
            // each trigger emits the next bounded batch of the walk
        }
        window.close();
        listing.runner().stop();
        result.put("records", batches.records());
        result.put("triggers", batches.triggers());
        result.set("recordsByOperation", ListingResults.json(batches.recordsByOperation()));
    }
}
