package io.nififusion.processors.list;

import io.nififusion.core.listing.ListingLog;
import org.apache.nifi.logging.ComponentLog;

/** The listing's messages on the processor's log: warnings and errors become bulletins. */
final class ComponentListingLog implements ListingLog {
    private final ComponentLog logger;

    ComponentListingLog(final ComponentLog logger) {
        this.logger = logger;
    }

    @Override
    public void info(final String message) {
        logger.info(message);
    }

    @Override
    public void warn(final String message) {
        logger.warn(message);
    }

    @Override
    public void warn(final String message, final Throwable failure) {
        logger.warn(message, failure);
    }

    @Override
    public void error(final String message) {
        logger.error(message);
    }
}
