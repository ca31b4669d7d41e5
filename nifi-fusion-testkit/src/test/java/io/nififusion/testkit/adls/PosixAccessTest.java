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
        final PosixAccess.AppliedAcl applied = PosixAccess.applyAcl("user::rw-,user:alice:rwx,group::r--,mask::rw-,other::---,default:user::rwx", true);
        assertEquals(0660, applied.permissions());
        assertTrue(PosixAccess.hasExtendedEntries(applied.extendedAcl()));
        assertEquals("user::rw-,user:alice:rwx,group::r--,mask::rw-,other::---,default:user::rwx,default:group::r--,default:other::---",
                PosixAccess.acl(applied.permissions(), applied.extendedAcl()), "the default ACL takes what it lacks from the access ACL");
    }

    @Test
    void namedEntriesWithoutAMaskGetTheUnionOfTheGroupClass() {
        final PosixAccess.AppliedAcl applied = PosixAccess.applyAcl("user::rw-,group::r--,other::---,user:alice:-w-", false);
        assertEquals(0660, applied.permissions(), "the group bits show the computed mask rw-");
        assertEquals("user::rw-,user:alice:-w-,group::r--,mask::rw-,other::---", PosixAccess.acl(applied.permissions(), applied.extendedAcl()));
    }

    @Test
    void namedDefaultEntriesGetTheMissingBaseEntriesAndAMask() {
        final PosixAccess.AppliedAcl applied = PosixAccess.applyAcl("user::rwx,group::r-x,other::---,default:user:bob:rw-", true);
        assertEquals(0750, applied.permissions());
        assertEquals("user::rwx,group::r-x,other::---,default:user:bob:rw-,default:user::rwx,default:group::r-x,default:other::---,default:mask::rwx",
                PosixAccess.acl(applied.permissions(), applied.extendedAcl()));
    }

    @Test
    void defaultEntriesOnAFileAreRefused() {
        final AdlsServiceException e = assertThrows(AdlsServiceException.class,
                () -> PosixAccess.applyAcl("user::rw-,group::r--,other::---,default:user::rwx", false));
        assertEquals(400, e.getStatus());
        assertEquals("InvalidAccessControlList", e.getErrorCode());
    }

    @Test
    void malformedAclIsRefused() {
        final AdlsServiceException e = assertThrows(AdlsServiceException.class, () -> PosixAccess.applyAcl("user::rwq,other::---", false));
        assertEquals(400, e.getStatus());
    }
}
