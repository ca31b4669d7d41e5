package io.nififusion.core.restore;

import com.azure.storage.file.datalake.models.PathAccessControl;
import com.azure.storage.file.datalake.models.PathPermissions;
import com.azure.storage.file.datalake.models.RolePermissions;
import io.nififusion.core.copy.IdentityMapping;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The HDFS permission, owner and group of a restored path, from the target's: bits as they are, owner and group
 * through the identity mapping read backwards (an object id no mapping names stays unset, never sent as a name).
 *
 * @param permission the permission bits, sticky bit included
 * @param owner the on-premises user, or null when unmapped
 * @param group the on-premises group, or null when unmapped
 */
public record RestoredAccess(FsPermission permission, String owner, String group) {

    public static RestoredAccess of(final PathAccessControl access, final IdentityMapping identityMapping) {
        return new RestoredAccess(toFsPermission(access.getPermissions()), identityMapping.userName(access.getOwner()),
                identityMapping.groupName(access.getGroup()));
    }

    public static FsPermission toFsPermission(final PathPermissions permissions) {
        return new FsPermission(action(permissions.getOwner()), action(permissions.getGroup()), action(permissions.getOther()),
                permissions.isStickyBitSet());
    }

    private static FsAction action(final RolePermissions role) {
        FsAction action = FsAction.NONE;
        if (role.hasReadPermission()) {
            action = action.or(FsAction.READ);
        }
        if (role.hasWritePermission()) {
            action = action.or(FsAction.WRITE);
        }
        if (role.hasExecutePermission()) {
            action = action.or(FsAction.EXECUTE);
        }
        return action;
    }

    /** For the detail attribute: what was restored and what was left to the restoring user. */
    public String describe() {
        return "permission " + permission + (owner == null ? ", owner unmapped" : ", owner " + owner) + (group == null ? ", group unmapped" : ", group " + group);
    }
}
