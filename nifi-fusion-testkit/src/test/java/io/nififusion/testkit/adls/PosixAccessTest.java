package io.nififusion.testkit.adls;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PosixAccessTest {

    @Test
    void parsesSymbolicAndOctalPermissions() {
        assertEquals(0750, PosixAccess.parsePermissions("rwxr-x---"));
        assertEquals(0750, PosixAccess.parsePermissions("0750"));
        assertEquals(0640, PosixAccess.parsePermissions("rw-r-----+"));
        assertEquals("rwxr-x--x", PosixAccess.toSymbolic(0751));
        assertThrows(AdlsServiceException.class, () -> PosixAccess.parsePermissions("rwz------"));
    }

    @Test
    void keepsTheStickyBitLikeAzure() {
        assertEquals(01777, PosixAccess.parsePermissions("1777"));
        assertEquals("rwxrwxrwt", PosixAccess.toSymbolic(PosixAccess.parsePermissions("1777")));
        assertEquals(01776, PosixAccess.parsePermissions("rwxrwxrwT"));
        assertEquals("rwxrwxrwT", PosixAccess.toSymbolic(01776));
        assertEquals("rwxr-x---", PosixAccess.toSymbolic(PosixAccess.parsePermissions("0750")));
    }

    @Test
    void baseAclFollowsPermissionBits() {
        assertEquals("user::rwx,group::r-x,other::---", PosixAccess.acl(0750, ""));
        assertFalse(PosixAccess.hasExtendedEntries(""));
    }

    @Test
    void extendedAclUsesTheMaskForGroupBits() {
        final PosixAccess.AppliedAcl applied = PosixAccess.applyAcl("user::rw-,user:alice:rwx,group::r--,mask::rw-,other::---,default:user::rwx");
        assertEquals(0660, applied.permissions());
        assertTrue(PosixAccess.hasExtendedEntries(applied.extendedAcl()));
        assertEquals("user::rw-,user:alice:rwx,group::r--,mask::rw-,other::---,default:user::rwx",
                PosixAccess.acl(applied.permissions(), applied.extendedAcl()));
    }

    @Test
    void malformedAclIsRefused() {
        final AdlsServiceException e = assertThrows(AdlsServiceException.class, () -> PosixAccess.applyAcl("user::rwq,other::---"));
        assertEquals(400, e.getStatus());
    }
}
