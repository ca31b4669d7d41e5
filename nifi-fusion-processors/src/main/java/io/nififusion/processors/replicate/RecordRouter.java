package io.nififusion.processors.replicate;

import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.copy.ReplicationOutcome;
import io.nififusion.core.copy.ReplicationResult;
import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.processors.verify.VerificationAttributes;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a record goes once applied, and what it then says: attributes, provenance (the ADLS URL really used as transit
 * URI, the bytes sent in the details), counters, the records of files found still open, and the back-off a target's
 * Retry-After asks of the whole processor.
 */
final class RecordRouter {
    private final ComponentLog logger;
    private final HdfsSourceService source;
    private final FusionTargetService target;
    private final AtomicLong targetBusyUntilMillis;
    private final Clock clock;

    RecordRouter(final ComponentLog logger, final HdfsSourceService source, final FusionTargetService target, final AtomicLong targetBusyUntilMillis,
                 final Clock clock) {
        this.logger = logger;
        this.source = source;
        this.target = target;
        this.targetBusyUntilMillis = targetBusyUntilMillis;
        this.clock = clock;
    }

    void succeed(final ProcessSession session, final FlowFile original, final ReplicationOperation operation, final ReplicationOutcome outcome) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OperationAttributes.RESULT, outcome.result().getAttributeValue());
        attributes.put(OperationAttributes.TARGET_PATH, outcome.targetPath());
        attributes.put(ReplicationAttributes.BYTES_COPIED, Long.toString(outcome.bytesTransferred()));
        attributes.put(ReplicationAttributes.DURATION_MILLIS, Long.toString(TimeUnit.NANOSECONDS.toMillis(outcome.durationNanos())));
        attributes.put(ReplicationAttributes.THROUGHPUT, Long.toString(outcome.throughputBytesPerSecond()));
        attributes.put(ReplicationAttributes.RESUMED_FROM, Long.toString(outcome.resumedFrom()));
        attributes.put(ReplicationAttributes.ATTEMPTS, Integer.toString(outcome.attempts()));
        attributes.put(ReplicationAttributes.DETAIL, outcome.detail());
        FlowFile flowFile = session.putAllAttributes(original, attributes);
        flowFile = session.removeAttribute(flowFile, OperationAttributes.ERROR_CODE);
        flowFile = session.removeAttribute(flowFile, OperationAttributes.ERROR_MESSAGE);
        flowFile = session.removeAttribute(flowFile, ReplicationAttributes.RETRY_AFTER_MILLIS);
        flowFile = session.removeAttribute(flowFile, ReplicationAttributes.RESUME_TEMP_PATH);
        // applied: the verdict of the verification that sent the record back is no longer about this target
        flowFile = session.removeAttribute(flowFile, VerificationAttributes.RESULT);

        final String transitUri = target.getTransitUri(outcome.targetPath());
        final long millis = TimeUnit.NANOSECONDS.toMillis(outcome.durationNanos());
        // a record has no content, so the event's size says 0: the bytes sent are in the details (and fusion.bytes.copied)
        final String details = operation.type() + " " + source.getFileSystemUri() + operation.path()
                + (outcome.dataSent() ? ": sent " + outcome.bytesTransferred() + " bytes in " + millis + " ms; " : ": ") + outcome.detail();
        if (outcome.dataSent()) {
            session.getProvenanceReporter().send(flowFile, transitUri, details, millis);
        } else if (outcome.result() != ReplicationResult.SKIPPED && outcome.result() != ReplicationResult.NOOP
                && outcome.result() != ReplicationResult.OPEN_FILE) {
            session.getProvenanceReporter().invokeRemoteProcess(flowFile, transitUri, details);
        }
        if (outcome.bytesTransferred() > 0) {
            session.adjustCounter(ReplicateToADLS.COUNTER_BYTES_COPIED, outcome.bytesTransferred(), false);
        }
        if (outcome.filesCopied() > 0) {
            // files, not records: a reconcile copies many, and a copy the source deleted meanwhile commits none
            session.adjustCounter(ReplicateToADLS.COUNTER_FILES_COPIED, outcome.filesCopied(), false);
        }
        if (outcome.result() == ReplicationResult.SKIPPED) {
            session.adjustCounter(ReplicateToADLS.COUNTER_FILES_SKIPPED, 1, false);
        }
        if (outcome.result() == ReplicationResult.OPEN_FILE) {
            session.adjustCounter(ReplicateToADLS.COUNTER_OPEN_FILES, 1, false);
        }
        logger.debug("{} {} -> {}: {} ({} bytes in {} ms)", operation.type(), operation.path(), outcome.targetPath(),
                outcome.result().getAttributeValue(), outcome.bytesTransferred(), millis);
        session.transfer(flowFile, ReplicateToADLS.REL_SUCCESS);
        requeueOpenFiles(session, flowFile, operation, outcome);
    }

    /**
     * Files found still open for writing were not committed (DESIGN §2 rule 4). Each goes back as a COPY record on
     * {@code retry}, penalized, until its writer closes it: in snapshot-diff and scan modes no CLOSE event will ask for
     * it, and in inotify mode the extra look is cheap (two NameNode calls per penalty).
     */
    private void requeueOpenFiles(final ProcessSession session, final FlowFile parent, final ReplicationOperation operation,
                                  final ReplicationOutcome outcome) {
        for (final String openFile : outcome.openFiles()) {
            final ReplicationOperation copy = OperationFactory.ofPath(OperationType.COPY, openFile, false, ReplicationOperation.UNKNOWN,
                    operation.changeSource());
            FlowFile record = session.create(parent);
            record = session.putAllAttributes(record, copy.toAttributes());
            record = session.putAttribute(record, ReplicationAttributes.OPEN_SINCE,
                    parent.getAttribute(ReplicationAttributes.OPEN_SINCE) != null && openFile.equals(operation.path())
                            ? parent.getAttribute(ReplicationAttributes.OPEN_SINCE) : Long.toString(clock.millis()));
            session.getProvenanceReporter().create(record, "COPY " + openFile + ": still open for writing, looked at again later");
            session.transfer(session.penalize(record), ReplicateToADLS.REL_RETRY);
        }
    }

    void retry(final ProcessContext context, final ProcessSession session, final FlowFile original, final ReplicationOperation operation,
                       final ReplicationException e) {
        FlowFile flowFile = session.putAllAttributes(original, errorAttributes(e));
        flowFile = e.getResumableTempPath() == null ? session.removeAttribute(flowFile, ReplicationAttributes.RESUME_TEMP_PATH)
                : session.putAttribute(flowFile, ReplicationAttributes.RESUME_TEMP_PATH, e.getResumableTempPath());
        if (e.getRetryAfter() != null) {
            final long retryAfterMillis = e.getRetryAfter().toMillis();
            flowFile = session.putAttribute(flowFile, ReplicationAttributes.RETRY_AFTER_MILLIS, Long.toString(retryAfterMillis));
            targetBusyUntilMillis.accumulateAndGet(clock.millis() + retryAfterMillis, Math::max);
            context.yield();
        }
        if (isExpectedUnderLoad(e.getCode())) {
            // records race each other by design (DESIGN §2): a change under the copy is looked at again, not reported
            logger.debug("{} of {} will be retried: {}", operation.type(), operation.path(), e.getMessage());
        } else {
            logger.warn("{} of {} will be retried: {}", operation.type(), operation.path(), e.getMessage());
        }
        session.transfer(session.penalize(flowFile), ReplicateToADLS.REL_RETRY);
    }

    void fail(final ProcessSession session, final FlowFile original, final ReplicationException e) {
        final FlowFile flowFile = session.putAllAttributes(original, errorAttributes(e));
        session.adjustCounter(ReplicateToADLS.COUNTER_FAILED, 1, false);
        session.transfer(flowFile, ReplicateToADLS.REL_FAILURE);
    }

    private static boolean isExpectedUnderLoad(final ReplicationErrorCode code) {
        return code == ReplicationErrorCode.SOURCE_CHANGED || code == ReplicationErrorCode.TARGET_CONCURRENT_CHANGE || code == ReplicationErrorCode.INTERRUPTED;
    }

    private static Map<String, String> errorAttributes(final ReplicationException e) {
        return Map.of(OperationAttributes.ERROR_CODE, e.getCode().name(),
                OperationAttributes.ERROR_MESSAGE, String.valueOf(e.getMessage()));
    }
}
