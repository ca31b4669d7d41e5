package io.nififusion.processors.verify;

import io.nififusion.core.ErrorMessages;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.operation.OperationAttributes;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;

import java.io.UncheckedIOException;
import java.util.Map;

/** The failure attributes of a record or audit that could not be verified. */
final class VerificationFailure {

    private VerificationFailure() {
    }

    static FlowFile mark(final ProcessSession session, final FlowFile flowFile, final ReplicationErrorCode code, final String message) {
        return session.putAllAttributes(flowFile, Map.of(OperationAttributes.ERROR_CODE, code.name(), OperationAttributes.ERROR_MESSAGE,
                message == null ? "" : message));
    }

    /** The class and message of the failure that matters, past the wrappers NiFi and the I/O callbacks add. */
    static String messageOf(final Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current
                && (current instanceof ProcessException || current instanceof UncheckedIOException)) {
            current = current.getCause();
        }
        return ErrorMessages.describe(current);
    }
}
