package io.nififusion.core.listing;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a listing reports, by level, for assertions. */
final class RecordingListingLog implements ListingLog {
    final List<String> infos = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    @Override
    public void log(final Level level, final String message, final Throwable failure) {
        final String line = failure == null ? message : message + " (" + failure.getMessage() + ")";
        (level == Level.INFO ? infos : level == Level.WARN ? warnings : errors).add(line);
    }
}
