package io.nififusion.processors.restore;

import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** The Listing Scope choices of ListADLSForRestore. */
public enum ListingScopeOption implements AllowableValueEnum {
    LIVE("Live Tree", "The target copy of the Restore Path as it is now: what the source held when it was last replicated."),
    AS_OF("As Of a Time", "The tree as the source held it at the As Of time: each path's version then, from the trash batches of deletes and "
            + "overwrites after that time (ReplicateToADLS with Delete Policy Keep in Trash) or, where nothing replaced it since, the live tree.");

    private final AllowableValue allowableValue;

    ListingScopeOption(final String displayName, final String description) {
        this.allowableValue = new AllowableValue(name(), displayName, description);
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
