package io.nififusion.core.listing;

import org.apache.hadoop.fs.FileSystem;

/** No change capture: the listing is its scan of the roots (and the PRUNE after it), then emits nothing more. */
public final class ScanOnlyCapture extends ChangeCapture {
    public static final String MODE = "scan-only";

    public ScanOnlyCapture() {
        super(MODE);
    }

    @Override
    ListingState start(final FileSystem fileSystem, final ListingState starting) {
        return starting;
    }

    @Override
    void restore(final FileSystem fileSystem, final ListingState committed) {
        // nothing is read ahead and nothing is left on the source
    }

    @Override
    void capture(final FileSystem fileSystem, final ListingRun run) {
        // the scan was everything
    }

    @Override
    boolean waitsForChanges() {
        return false;
    }
}
