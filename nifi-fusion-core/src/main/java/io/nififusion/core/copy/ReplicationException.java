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

    public ReplicationException(final ReplicationErrorCode code, final String message, final Throwable cause) {
        this(code, code.isTransientByDefault(), null, message, cause);
    }

    public ReplicationException(final ReplicationErrorCode code, final boolean transientFailure, final Duration retryAfter,
                                final String message, final Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
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
