package io.nififusion.processors.restore;

import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** The Restore Destination choices of RestoreToHDFS. */
public enum RestoreDestinationOption implements AllowableValueEnum {
    ORIGINAL_PATHS("Original Paths", "Each path goes back to the source path it was copied from (the reverse of the target service's path mapping)."),
    UNDER_RESTORE_ROOT("Under Restore Root", "Each path goes below the Restore Root, at its place relative to the mapping's Source Root, beside "
            + "the live data.");

    private final AllowableValue allowableValue;

    RestoreDestinationOption(final String displayName, final String description) {
        this.allowableValue = new AllowableValue(name(), displayName, description);
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
