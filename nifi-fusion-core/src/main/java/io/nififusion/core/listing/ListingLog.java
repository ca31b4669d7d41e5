package io.nififusion.core.listing;

/**
 * Where a source listing tells the operator what happened: starting over, gaps in the change stream, files held open
 * too long. The processor turns each line into a log entry (and, from warnings up, a bulletin).
 */
@FunctionalInterface
public interface ListingLog {

    /** The levels a listing reports at; the names are those of NiFi's log levels. */
    enum Level { INFO, WARN, ERROR }

    /** @param failure the cause, or null */
    void log(Level level, String message, Throwable failure);

    default void info(final String message) {
        log(Level.INFO, message, null);
    }

    default void warn(final String message) {
        log(Level.WARN, message, null);
    }

    default void warn(final String message, final Throwable failure) {
        log(Level.WARN, message, failure);
    }

    default void error(final String message) {
        log(Level.ERROR, message, null);
    }
}
