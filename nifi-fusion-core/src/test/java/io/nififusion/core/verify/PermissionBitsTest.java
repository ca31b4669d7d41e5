package io.nififusion.core.verify;

import com.azure.storage.file.datalake.models.PathPermissions;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PermissionBitsTest {

    @Test
    void stickyBitIsComparedAndShownOnBothSides() {
        final int source = PermissionBits.of(new FsPermission((short) 01777));

        assertEquals(01777, source);
        assertEquals(01777, PermissionBits.of(PathPermissions.parseOctal("1777")));
        assertEquals(0777, PermissionBits.of(PathPermissions.parseSymbolic("rwxrwxrwx")));
        assertEquals("rwxrwxrwt", PermissionBits.symbolic(source));
        assertEquals("rwxr-x---", PermissionBits.symbolic(PermissionBits.of(PathPermissions.parseSymbolic("rwxr-x---+"))));
    }
}
