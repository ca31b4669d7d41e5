package io.nififusion.core.http;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The target could not be reached or stopped answering (refused, reset, timed out): raised by the transport, where it happened. */
public final class TargetConnectionException extends UncheckedIOException {
    public TargetConnectionException(final String message, final IOException cause) {
        super(message, cause);
    }
}
