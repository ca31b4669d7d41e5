package io.nififusion.core.listing;

/**
 * Where a source listing tells the operator what happened: starting over, gaps in the change stream, files held open
 * too long. The processor turns each line into a log entry (and, from warnings up, a bulletin).
 */
public interface ListingLog {

    void info(String message);

    void warn(String message);

    void warn(String message, Throwable failure);

    void error(String message);
}
