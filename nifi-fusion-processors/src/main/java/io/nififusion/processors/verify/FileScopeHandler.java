package io.nififusion.processors.verify;

import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.copy.ReplicationErrorClassifier;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.verify.FileVerification;
import io.nififusion.core.verify.FileVerifier;
import io.nififusion.core.verify.SourceFileState;
import io.nififusion.core.verify.VerificationOptions;
import io.nififusion.core.verify.VerificationOutcome;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * File scope: verifies the path of each incoming replication record and routes it by verdict.
 *
 * @param services what it verifies with
 * @param logger the processor's log
 */
record FileScopeHandler(VerificationServices services, ComponentLog logger) implements VerificationScopeHandler {

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        final FlowFile flowFile = session.get();
        if (flowFile != null) {
            verify(session, flowFile);
        }
    }

    private void verify(final ProcessSession session, final FlowFile flowFile) {
        final ReplicationOperation operation;
        final String targetPath;
        try {
            operation = ReplicationOperation.fromAttributes(flowFile.getAttributes());
            targetPath = services.target().getPathMapper().toTargetPath(operation.path());
        } catch (final IllegalArgumentException e) {
            logger.error("Invalid replication record {}", flowFile, e);
            session.transfer(VerificationFailure.mark(session, flowFile, ReplicationErrorCode.INVALID_OPERATION, e.getMessage()), VerifyChecksum.FAILURE);
            return;
        }

        final long started = System.nanoTime();
        final FileVerification verification;
        try {
            verification = services.source().execute(fileSystem -> {
                final FileVerifier verifier = services.verifier(fileSystem);
                if (operation.type() == OperationType.DELETE) {
                    return verifier.verifyDeleted(operation.path(), targetPath);
                }
                try {
                    return verifier.verify(operation.path(), targetPath, expectedState(operation));
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Interrupted while verifying " + operation.path());
                }
            });
        } catch (final IOException | RuntimeException e) {
            routeFailure(session, flowFile, operation.path(), e);
            return;
        }

        final VerificationOptions options = services.options();
        FlowFile updated = session.putAllAttributes(flowFile, toAttributes(verification, options));
        final Relationship relationship = relationshipOf(verification.outcome());
        if (verification.outcome() == VerificationOutcome.UNVERIFIED) {
            updated = VerificationFailure.mark(session, updated, ReplicationErrorCode.CHECKSUM_UNAVAILABLE, verification.explanation());
        }
        session.adjustCounter(VerificationCounters.verdict(VerificationCounters.Subject.of(operation.type(), verification), verification.outcome()), 1, false);
        session.adjustCounter(VerificationCounters.BYTES_READ, verification.bytesRead(), false);
        final String details = options.depth() + " verification of " + services.source().getFileSystemUri() + operation.path() + " against "
                + services.target().getTransitUri(targetPath) + ": " + verification.outcome().name().toLowerCase(Locale.ROOT) + ". " + verification.explanation();
        session.getProvenanceReporter().route(updated, relationship, details, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        logger.debug("Verified {} against {}: {}", operation.path(), targetPath, verification.outcome());
        session.transfer(updated, relationship);
    }

    private void routeFailure(final ProcessSession session, final FlowFile flowFile, final String path, final Exception failure) {
        // The replicator's classification, so both processors agree on what is transient and name the same codes
        final ReplicationException classified = new ReplicationErrorClassifier(services.target().getAuthenticationMode()).classify(failure, "Verifying " + path);
        final FlowFile updated = VerificationFailure.mark(session, flowFile, classified.getCode(), classified.getMessage());
        if (classified.isTransient()) {
            logger.warn("Transient failure verifying {}: will retry", path, failure);
            session.transfer(session.penalize(updated), VerifyChecksum.RETRY);
        } else {
            logger.error("Failed to verify {}: {}", path, classified.getCode(), failure);
            session.transfer(updated, VerifyChecksum.FAILURE);
        }
    }

    /** The version the record describes, when it describes one, so a source rewritten since is reported changed. */
    private static SourceFileState expectedState(final ReplicationOperation operation) {
        if (operation.type() != OperationType.COPY || (operation.length() < 0 && operation.modificationTime() < 0)) {
            return null;
        }
        return new SourceFileState(operation.path(), operation.directory(), operation.length(), operation.modificationTime(), operation.fileId());
    }

    static Map<String, String> toAttributes(final FileVerification verification, final VerificationOptions options) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(VerificationAttributes.RESULT, verification.outcome().name().toLowerCase(Locale.ROOT));
        if (verification.check() != null) {
            attributes.put(VerificationAttributes.CHECK, verification.check().getValue());
        }
        attributes.put(VerificationAttributes.DEPTH, options.depth().name());
        attributes.put(VerificationAttributes.EXPLANATION, verification.explanation());
        if (verification.sourceLength() >= 0) {
            attributes.put(VerificationAttributes.SOURCE_LENGTH, Long.toString(verification.sourceLength()));
        }
        if (verification.targetLength() >= 0) {
            attributes.put(VerificationAttributes.TARGET_LENGTH, Long.toString(verification.targetLength()));
        }
        if (verification.sourceCrc32c() != null) {
            attributes.put(VerificationAttributes.SOURCE_CRC32C, Crc32cFormat.format(verification.sourceCrc32c()));
        }
        if (verification.targetCrc32c() != null) {
            attributes.put(VerificationAttributes.TARGET_CRC32C, Crc32cFormat.format(verification.targetCrc32c()));
        }
        attributes.put(VerificationAttributes.SOURCE_CHECKSUM_ORIGIN, verification.sourceChecksumSource().getValue());
        attributes.put(VerificationAttributes.TARGET_CHECKSUM_ORIGIN, verification.targetChecksumSource().getValue());
        attributes.put(VerificationAttributes.BYTES_READ, Long.toString(verification.bytesRead()));
        attributes.put(OperationAttributes.TARGET_PATH, verification.targetPath());
        return attributes;
    }

    private static Relationship relationshipOf(final VerificationOutcome outcome) {
        return switch (outcome) {
            case VERIFIED -> VerifyChecksum.VERIFIED;
            case MISMATCH -> VerifyChecksum.MISMATCH;
            case MISSING -> VerifyChecksum.MISSING;
            case CHANGED -> VerifyChecksum.CHANGED;
            case UNVERIFIED -> VerifyChecksum.FAILURE;
        };
    }
}
