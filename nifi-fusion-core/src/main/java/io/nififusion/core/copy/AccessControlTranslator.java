package io.nififusion.core.copy;

import com.azure.storage.file.datalake.models.AccessControlType;
import com.azure.storage.file.datalake.models.PathAccessControlEntry;
import com.azure.storage.file.datalake.models.PathPermissions;
import com.azure.storage.file.datalake.models.RolePermissions;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.AclEntryScope;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Translates HDFS permissions and ACLs into ADLS ones. HDFS keeps the owner, other and (with an extended ACL) the mask
 * in the permission bits and returns only the other entries from {@code getAclStatus}; ADLS wants the whole list.
 * Named users and groups go through the {@link IdentityMapping}; entries whose name has no mapping are left out and
 * reported.
 */
public final class AccessControlTranslator {
    private final IdentityMapping identityMapping;

    public AccessControlTranslator(final IdentityMapping identityMapping) {
        this.identityMapping = identityMapping;
    }

    /** Permission bits in the four-digit octal form ADLS takes, sticky bit included. */
    public static PathPermissions toPathPermissions(final FsPermission permission) {
        return PathPermissions.parseOctal(String.format("%04o", permission.toShort() & 01777));
    }

    /** The result of a translation: the entries and the names that had no mapping. */
    public record TranslatedAcl(List<PathAccessControlEntry> entries, Set<String> unmappedNames) {
    }

    /**
     * @param permission the path's permission bits
     * @param extendedEntries what HDFS {@code getAclStatus().getEntries()} returned
     */
    public TranslatedAcl translate(final FsPermission permission, final List<AclEntry> extendedEntries) {
        final List<PathAccessControlEntry> entries = new ArrayList<>();
        final Set<String> unmapped = new TreeSet<>();
        boolean extendedAccess = false;
        entries.add(entry(false, AccessControlType.USER, null, permission.getUserAction()));
        for (final AclEntry aclEntry : extendedEntries) {
            if (aclEntry.getScope() == AclEntryScope.ACCESS) {
                extendedAccess = true;
                addMapped(entries, unmapped, aclEntry, false);
            }
        }
        // with an extended ACL, HDFS lists the unnamed group entry and keeps the mask in the group bits
        entries.add(entry(false, extendedAccess ? AccessControlType.MASK : AccessControlType.GROUP, null, permission.getGroupAction()));
        entries.add(entry(false, AccessControlType.OTHER, null, permission.getOtherAction()));
        for (final AclEntry aclEntry : extendedEntries) {
            if (aclEntry.getScope() == AclEntryScope.DEFAULT) {
                addMapped(entries, unmapped, aclEntry, true);
            }
        }
        return new TranslatedAcl(entries, unmapped);
    }

    private void addMapped(final List<PathAccessControlEntry> entries, final Set<String> unmapped, final AclEntry aclEntry,
                           final boolean defaultScope) {
        final AccessControlType type = switch (aclEntry.getType()) {
            case USER -> AccessControlType.USER;
            case GROUP -> AccessControlType.GROUP;
            case MASK -> AccessControlType.MASK;
            case OTHER -> AccessControlType.OTHER;
        };
        String entityId = null;
        if (aclEntry.getName() != null) {
            entityId = type == AccessControlType.USER ? identityMapping.userObjectId(aclEntry.getName())
                    : identityMapping.groupObjectId(aclEntry.getName());
            if (entityId == null) {
                unmapped.add((type == AccessControlType.USER ? "user:" : "group:") + aclEntry.getName());
                return;
            }
        }
        entries.add(entry(defaultScope, type, entityId, aclEntry.getPermission()));
    }

    private static PathAccessControlEntry entry(final boolean defaultScope, final AccessControlType type, final String entityId,
                                                final FsAction action) {
        return new PathAccessControlEntry()
                .setDefaultScope(defaultScope)
                .setAccessControlType(type)
                .setEntityId(entityId)
                .setPermissions(RolePermissions.parseSymbolic(action.SYMBOL, false));
    }
}
