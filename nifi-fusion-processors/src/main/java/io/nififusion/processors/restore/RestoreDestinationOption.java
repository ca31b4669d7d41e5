package io.nififusion.processors.restore;

import org.apache.nifi.components.DescribedValue;

/** The Restore Destination choices of RestoreToHDFS. */
public enum RestoreDestinationOption implements DescribedValue {
    ORIGINAL_PATHS("Original Paths", "Each path goes back to the source path it was copied from (the reverse of the target service's path mapping)."),
    UNDER_RESTORE_ROOT("Under Restore Root", "Each path goes below the Restore Root, at its place relative to the mapping's Source Root, beside "
            + "the live data.");

    private final String displayName;
    private final String description;

    RestoreDestinationOption(final String displayName, final String description) {
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return name();
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
