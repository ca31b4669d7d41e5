package io.nififusion.core.verify;

import com.azure.storage.file.datalake.models.PathPermissions;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The permission bits ReplicateToADLS gives a target path: read, write and execute for owner, group and other, and the
 * sticky bit. Nothing else is compared: owner and group reach the target only through an identity mapping to Azure AD
 * object ids, and the target's "extended ACL present" flag (the trailing {@code +}) is not a permission bit.
 */
final class PermissionBits {
    static final int APPLIED_BITS = 01777;

    private PermissionBits() {
    }

    static int of(final FsPermission permission) {
        return permission.toShort() & APPLIED_BITS;
    }

    /** The bits of a target permission; its four-digit octal form carries the sticky bit first. */
    static int of(final PathPermissions permissions) {
        return Integer.parseInt(permissions.toString(), 8) & APPLIED_BITS;
    }

    /** Symbolic form, as {@code hdfs dfs -ls} prints it: {@code rwxr-x---}, {@code rwxrwxrwt} with the sticky bit. */
    static String symbolic(final int bits) {
        return new FsPermission((short) bits).toString();
    }
}
