package io.nififusion.core.copy;

import java.time.Duration;
import java.util.Objects;

/**
 * A failed operation, classified: its code, whether it is worth trying again later, and how long the target asked to
 * wait ({@code Retry-After}).
 */
public class ReplicationException extends Exception {
    private final ReplicationErrorCode code;
    private final boolean transientFailure;
    private final Duration retryAfter;
    private final String resumableTempPath;

    public ReplicationException(final ReplicationErrorCode code, final String message, final Throwable cause) {
        this(code, code.isTransientByDefault(), null, message, cause);
    }

    public ReplicationException(final ReplicationErrorCode code, final boolean transientFailure, final Duration retryAfter,
                                final String message, final Throwable cause) {
        this(code, transientFailure, retryAfter, message, cause, null);
    }

    private ReplicationException(final ReplicationErrorCode code, final boolean transientFailure, final Duration retryAfter,
                                 final String message, final Throwable cause, final String resumableTempPath) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
        this.resumableTempPath = resumableTempPath;
    }

    /** This failure, naming the temp file its checkpointed bytes wait in, for the retry to resume. */
    public ReplicationException withResumableTempPath(final String tempPath) {
        return new ReplicationException(code, transientFailure, retryAfter, getMessage(), getCause(), tempPath);
    }

    /** The temp file a retry of the same record may resume, or null. */
    public String getResumableTempPath() {
        return resumableTempPath;
    }

    public ReplicationErrorCode getCode() {
        return code;
    }

    /** Whether the item goes to {@code retry} (true) or {@code failure} (false). */
    public boolean isTransient() {
        return transientFailure;
    }

    /** The wait the target asked for, or null. */
    public Duration getRetryAfter() {
        return retryAfter;
    }
}
