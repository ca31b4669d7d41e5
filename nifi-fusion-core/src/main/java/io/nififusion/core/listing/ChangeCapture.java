package io.nififusion.core.listing;

import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;

/**
 * How a source listing finds the changes after (or instead of) its initial scan: one implementation per change capture
 * mode, chosen once when the listing is scheduled. Every method runs inside a call to the source as the configured user.
 */
public abstract sealed class ChangeCapture permits InotifyCapture, SnapshotDiffCapture, ScanOnlyCapture {
    private final String mode;

    ChangeCapture(final String mode) {
        this.mode = mode;
    }

    /** The mode's name as stored with the state ({@code inotify}, {@code snapshot-diff}, {@code scan-only}): another name starts over. */
    public final String mode() {
        return mode;
    }

    /**
     * Fixes where changes will be read from before the initial scan lists anything (the first rule of migrating while
     * in use: a change made during the scan is read afterwards, never lost).
     *
     * @param starting the new listing, with its scan cursor and sequence
     * @return the state to start with
     */
    abstract ListingState start(FileSystem fileSystem, ListingState starting) throws IOException;

    /** Takes up a committed listing after a restart or a failed commit: forgets what was read ahead, removes leftovers. */
    abstract void restore(FileSystem fileSystem, ListingState committed) throws IOException;

    /** Adds the changes since the run's state to the run, advances its state, and asks for a re-scan when changes were lost. */
    abstract void capture(FileSystem fileSystem, ListingRun run) throws IOException;

    /** Whether a run that finds nothing has already waited for changes (the change stream polls), so the processor need not yield. */
    abstract boolean waitsForChanges();
}
