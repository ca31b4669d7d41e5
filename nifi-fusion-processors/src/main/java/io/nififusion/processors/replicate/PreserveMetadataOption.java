package io.nififusion.processors.replicate;

import io.nififusion.core.copy.MetadataPreservation;
import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** The Preserve Metadata choices. The source version (length, mtime, file id, CRC32C) is always recorded. */
public enum PreserveMetadataOption implements AllowableValueEnum {
    NONE("None", "Only the source version; target paths get the target's default permissions.", MetadataPreservation.NONE),
    PERMISSIONS("Permissions", "Permission bits, sticky bit included.", MetadataPreservation.PERMISSIONS),
    PERMISSIONS_OWNERSHIP("Permissions and Ownership", "Permission bits, plus owner and group mapped to Azure AD object ids through the "
            + "Identity Mapping File (unmapped names are left unchanged). Setting owners needs the Storage Blob Data Owner role.",
            MetadataPreservation.PERMISSIONS_OWNERSHIP),
    ALL("All", "Permissions, ownership, ACL entries (named users and groups mapped; unmapped entries left out and reported) and the source "
            + "access time as metadata.", MetadataPreservation.ALL);

    private final AllowableValue allowableValue;
    private final MetadataPreservation preservation;

    PreserveMetadataOption(final String displayName, final String description, final MetadataPreservation preservation) {
        this.allowableValue = new AllowableValue(name(), displayName, description);
        this.preservation = preservation;
    }

    public MetadataPreservation getPreservation() {
        return preservation;
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
