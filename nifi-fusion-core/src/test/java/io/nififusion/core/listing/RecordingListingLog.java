package io.nififusion.core.listing;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a listing reports, by level, for assertions. */
final class RecordingListingLog implements ListingLog {
    final List<String> infos = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    @Override
    public void info(final String message) {
        infos.add(message);
    }

    @Override
    public void warn(final String message) {
        warnings.add(message);
    }

    @Override
    public void warn(final String message, final Throwable failure) {
        warnings.add(message + " (" + failure.getMessage() + ")");
    }

    @Override
    public void error(final String message) {
        errors.add(message);
    }
}
