package io.nififusion.core.verify;

import com.azure.core.exception.HttpResponseException;

/** Reads the HTTP status out of an SDK failure, which the SDK sometimes wraps in an IOException. */
final class TargetErrors {
    static final int NOT_FOUND = 404;
    static final int PRECONDITION_FAILED = 412;

    private TargetErrors() {
    }

    /** The HTTP status of the first HTTP failure in the cause chain, or -1. */
    static int statusOf(final Throwable failure) {
        Throwable current = failure;
        while (current != null) {
            if (current instanceof HttpResponseException httpFailure && httpFailure.getResponse() != null) {
                return httpFailure.getResponse().getStatusCode();
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return -1;
    }
}
