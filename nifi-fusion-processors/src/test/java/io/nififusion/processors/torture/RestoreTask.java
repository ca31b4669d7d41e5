package io.nififusion.processors.torture;

import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.processors.restore.RestoreToHDFS;
import org.apache.nifi.util.MockFlowFile;

import java.util.List;

/**
 * One concurrent task of a restore node: takes a record from the shared scheduler, triggers the node's RestoreToHDFS
 * with it, and routes what comes out as the flow's connections do: success and failure end the record in the ledger,
 * retry goes back to the scheduler after a penalty (NiFi's retry loop), with the attributes the processor gave it.
 */
final class RestoreTask implements Runnable {
    private static final long PENALTY_MILLIS = 250;
    private static final long YIELD_MILLIS = 100;
    private static final String[] OUTCOME_ATTRIBUTES = {"fusion.result", "fusion.detail", "fusion.restore.bytes.resumed", "fusion.resume.temp",
            "fusion.error.code", "fusion.error.message"};

    private final RestoreNode node;
    private final String worker;
    private final RecordScheduler scheduler;
    private final RestoreLedger ledger;
    private final TortureLog records;
    private final PipelineStatistics statistics;
    private final long deadlineNanos;

    RestoreTask(final RestoreNode node, final int taskIndex, final RecordScheduler scheduler, final RestoreLedger ledger, final TortureLog records,
                final PipelineStatistics statistics, final long deadlineNanos) {
        this.node = node;
        this.worker = node.name() + "/task" + taskIndex;
        this.scheduler = scheduler;
        this.ledger = ledger;
        this.records = records;
        this.statistics = statistics;
        this.deadlineNanos = deadlineNanos;
    }

    String worker() {
        return worker;
    }

    @Override
    public void run() {
        try {
            while (!node.isStopRequested() && System.nanoTime() < deadlineNanos) {
                // RestoreToHDFS takes one record per trigger
                final List<RecordScheduler.QueuedRecord> batch = scheduler.take(worker, 1);
                if (!batch.isEmpty()) {
                    restore(batch.getFirst());
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            statistics.stuckThread(worker + " died: " + e);
            records.add(worker + " died: " + e);
            throw e;
        }
    }

    private void restore(final RecordScheduler.QueuedRecord record) {
        try {
            final MockFlowFile input = node.newRecord(record.attributes());
            final SingleTrigger.Outcome outcome = node.restore(List.of(input));
            if (outcome.failure() != null) {
                statistics.count("restore triggers that threw");
                records.add(worker + " trigger threw " + outcome.failure() + ": its session was rolled back");
            }
            final String path = record.attributes().get(OperationAttributes.PATH);
            for (final MockFlowFile flowFile : outcome.get(RestoreToHDFS.REL_SUCCESS)) {
                records.add("R" + record.id() + " success on " + worker + " " + RecordText.of(record.attributes())
                        + RecordText.attributes(flowFile.getAttributes(), OUTCOME_ATTRIBUTES));
                statistics.count("restore success");
                ledger.ended(path, new RestoreLedger.Ending(record.id(), true, flowFile.getAttribute(OperationAttributes.RESULT), null, null, worker));
            }
            for (final MockFlowFile flowFile : outcome.get(RestoreToHDFS.REL_RETRY)) {
                records.add("R" + record.id() + " retry on " + worker + " " + RecordText.of(record.attributes())
                        + RecordText.attributes(flowFile.getAttributes(), OUTCOME_ATTRIBUTES));
                statistics.count("restore retry");
                scheduler.offerRetry(record, flowFile.getAttributes(), PENALTY_MILLIS);
            }
            for (final MockFlowFile flowFile : outcome.get(RestoreToHDFS.REL_FAILURE)) {
                records.add("R" + record.id() + " failure on " + worker + " " + RecordText.of(record.attributes())
                        + RecordText.attributes(flowFile.getAttributes(), OUTCOME_ATTRIBUTES));
                statistics.count("restore failure");
                ledger.ended(path, new RestoreLedger.Ending(record.id(), false, null, flowFile.getAttribute(OperationAttributes.ERROR_CODE),
                        flowFile.getAttribute(OperationAttributes.ERROR_MESSAGE), worker));
            }
            for (final MockFlowFile ignored : outcome.returned()) {
                scheduler.offerReturned(record, outcome.failure() == null ? YIELD_MILLIS : PENALTY_MILLIS,
                        outcome.failure() == null ? "not taken by " + worker : "rolled back on " + worker);
            }
        } finally {
            scheduler.done(1);
        }
    }
}
