package io.nififusion.processors.torture;

import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.processors.verify.VerifyChecksum;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One concurrent task of a node: takes records from the shared scheduler, triggers the node's ReplicateToADLS with them,
 * and routes what comes out as the flow's connections do (success to the node's VerifyChecksum, retry back to the
 * scheduler after a penalty, failure recorded); when no record is ready it verifies what the node replicated.
 */
final class ReplicationTask implements Runnable {
    private static final int MAX_BATCH = 3;
    private static final long PENALTY_MILLIS = 250;
    private static final long YIELD_MILLIS = 200;
    private static final String[] OUTCOME_ATTRIBUTES = {"fusion.result", "fusion.detail", "fusion.error.code", "fusion.error.message"};
    private static final String[] VERIFY_ATTRIBUTES = {"fusion.verify.result", "fusion.verify.check", "fusion.verify.explanation",
            "fusion.error.code", "fusion.error.message"};

    private final NodeSlot slot;
    private final ReplicationNode node;
    private final String worker;
    private final RecordScheduler scheduler;
    private final TortureLog records;
    private final PipelineStatistics statistics;
    private final long deadlineNanos;

    ReplicationTask(final NodeSlot slot, final ReplicationNode node, final int taskIndex, final RecordScheduler scheduler, final TortureLog records,
                    final PipelineStatistics statistics, final long deadlineNanos) {
        this.slot = slot;
        this.node = node;
        this.worker = node.name() + "/task" + taskIndex;
        this.scheduler = scheduler;
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
                final List<RecordScheduler.QueuedRecord> batch = scheduler.take(worker, MAX_BATCH);
                if (!batch.isEmpty()) {
                    replicate(batch);
                    continue;
                }
                final VerificationQueue.Verification verification = slot.verifications().poll();
                if (verification != null) {
                    verify(verification);
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

    private void replicate(final List<RecordScheduler.QueuedRecord> batch) throws InterruptedException {
        final Map<Long, RecordScheduler.QueuedRecord> byFlowFile = new HashMap<>();
        final List<MockFlowFile> input = new ArrayList<>();
        for (final RecordScheduler.QueuedRecord record : batch) {
            final MockFlowFile flowFile = node.newRecord(record.attributes());
            byFlowFile.put(flowFile.getId(), record);
            input.add(flowFile);
        }
        try {
            final SingleTrigger.Outcome outcome = node.replicate(input);
            if (node.isCrashed()) {
                // The crash came first: this session never committed, whatever the trigger did to the target
                for (final RecordScheduler.QueuedRecord record : batch) {
                    scheduler.offerReturned(record, YIELD_MILLIS, "session lost in the crash of " + node.name());
                    statistics.count("records lost with a crashed node");
                }
                return;
            }
            if (outcome.failure() != null) {
                statistics.count("replication triggers that threw");
                records.add(worker + " trigger threw " + outcome.failure() + ": its session was rolled back");
            }
            route(outcome, byFlowFile);
            if (outcome.failure() == null && outcome.transferredCount() == 0) {
                // The processor yielded (the target asked to wait, or the license): NiFi would not trigger it again at once
                Thread.sleep(YIELD_MILLIS);
            }
        } finally {
            scheduler.done(batch.size());
        }
    }

    private void route(final SingleTrigger.Outcome outcome, final Map<Long, RecordScheduler.QueuedRecord> byFlowFile) {
        for (final MockFlowFile flowFile : outcome.get(ReplicateToADLS.REL_SUCCESS)) {
            final RecordScheduler.QueuedRecord record = byFlowFile.get(flowFile.getId());
            records.add("R" + record.id() + " success on " + worker + " " + RecordText.of(record.attributes())
                    + RecordText.attributes(flowFile.getAttributes(), OUTCOME_ATTRIBUTES));
            statistics.count("replication success");
            slot.verifications().add(record.id(), flowFile.getAttributes());
        }
        for (final MockFlowFile flowFile : outcome.get(ReplicateToADLS.REL_RETRY)) {
            final RecordScheduler.QueuedRecord record = byFlowFile.get(flowFile.getId());
            if (record == null) {
                statistics.count("replication created");
                scheduler.offerCreated(flowFile.getAttributes(), PENALTY_MILLIS, worker);
                continue;
            }
            records.add("R" + record.id() + " retry on " + worker + " " + RecordText.of(record.attributes())
                    + RecordText.attributes(flowFile.getAttributes(), OUTCOME_ATTRIBUTES));
            statistics.count("replication retry");
            scheduler.offerRetry(record, flowFile.getAttributes(), PENALTY_MILLIS);
        }
        for (final MockFlowFile flowFile : outcome.get(ReplicateToADLS.REL_FAILURE)) {
            final RecordScheduler.QueuedRecord record = byFlowFile.get(flowFile.getId());
            final String description = "R" + record.id() + " " + RecordText.of(record.attributes()) + " routed to failure on " + worker
                    + RecordText.attributes(flowFile.getAttributes(), OUTCOME_ATTRIBUTES);
            records.add(description);
            statistics.count("replication failure");
            statistics.failedRecord(description);
        }
        for (final MockFlowFile flowFile : outcome.returned()) {
            final RecordScheduler.QueuedRecord record = byFlowFile.get(flowFile.getId());
            scheduler.offerReturned(record, outcome.failure() == null ? YIELD_MILLIS : PENALTY_MILLIS,
                    outcome.failure() == null ? "not taken by " + worker : "rolled back on " + worker);
        }
    }

    private void verify(final VerificationQueue.Verification verification) {
        try {
            final SingleTrigger.Outcome outcome = node.verify(node.newRecord(verification.attributes()));
            if (node.isCrashed()) {
                slot.verifications().putBack(verification);
                return;
            }
            if (outcome.failure() != null || !outcome.returned().isEmpty()) {
                records.add("R" + verification.recordId() + " verification threw on " + worker + ": " + outcome.failure());
                retryVerification(verification);
                return;
            }
            for (final Map.Entry<Relationship, List<MockFlowFile>> entry : outcome.transferred().entrySet()) {
                final String relationship = entry.getKey().getName();
                for (final MockFlowFile flowFile : entry.getValue()) {
                    records.add("R" + verification.recordId() + " verify " + relationship + " on " + worker + " "
                            + RecordText.of(verification.attributes()) + RecordText.attributes(flowFile.getAttributes(), VERIFY_ATTRIBUTES));
                    statistics.count("verify " + relationship);
                }
                if (entry.getKey().equals(VerifyChecksum.RETRY)) {
                    retryVerification(verification);
                }
            }
        } finally {
            slot.verifications().done();
        }
    }

    private void retryVerification(final VerificationQueue.Verification verification) {
        if (!slot.verifications().retry(verification)) {
            records.add("R" + verification.recordId() + " verification given up after " + VerificationQueue.MAX_ATTEMPTS + " attempts");
        }
    }
}
