package io.nififusion.processors.restore;

import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** The Restore Metadata choices of RestoreToHDFS. */
public enum RestoreMetadataOption implements AllowableValueEnum {
    NONE("None", "Restored paths get the HDFS defaults of the restoring user.", false, false, false),
    PERMISSIONS("Permissions", "The permission bits the target holds, sticky bit included.", true, false, false),
    PERMISSIONS_OWNERSHIP("Permissions and Ownership", "Permission bits, plus owner and group: the target's Azure AD object ids mapped back "
            + "to on-premises names through the Identity Mapping File replication used (an id no line names is left to the restoring user). "
            + "Setting owners needs the HDFS superuser.", true, true, false),
    ALL("All", "Permissions and ownership, and the source modification time the target recorded.", true, true, true);

    private final AllowableValue allowableValue;
    private final boolean permissions;
    private final boolean ownership;
    private final boolean times;

    RestoreMetadataOption(final String displayName, final String description, final boolean permissions, final boolean ownership, final boolean times) {
        this.allowableValue = new AllowableValue(name(), displayName, description);
        this.permissions = permissions;
        this.ownership = ownership;
        this.times = times;
    }

    public boolean permissions() {
        return permissions;
    }

    public boolean ownership() {
        return ownership;
    }

    public boolean times() {
        return times;
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
