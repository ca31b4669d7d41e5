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
        final PosixAccess.AppliedAcl applied = PosixAccess.applyAcl("user::rw-,user:alice:rwx,group::r--,mask::rw-,other::---,default:user::rwx", true, 0, "");
        assertEquals(0660, applied.permissions());
        assertTrue(PosixAccess.hasExtendedEntries(applied.extendedAcl()));
        assertEquals("user::rw-,user:alice:rwx,group::r--,mask::rw-,other::---,default:user::rwx,default:group::r--,default:other::---",
                PosixAccess.acl(applied.permissions(), applied.extendedAcl()), "the default ACL takes what it lacks from the access ACL");
    }

    @Test
    void namedEntriesWithoutAMaskGetTheUnionOfTheGroupClass() {
        final PosixAccess.AppliedAcl applied = PosixAccess.applyAcl("user::rw-,group::r--,other::---,user:alice:-w-", false, 0, "");
        assertEquals(0660, applied.permissions(), "the group bits show the computed mask rw-");
        assertEquals("user::rw-,user:alice:-w-,group::r--,mask::rw-,other::---", PosixAccess.acl(applied.permissions(), applied.extendedAcl()));
    }

    @Test
    void namedDefaultEntriesGetTheMissingBaseEntriesAndAMask() {
        final PosixAccess.AppliedAcl applied = PosixAccess.applyAcl("user::rwx,group::r-x,other::---,default:user:bob:rw-", true, 0, "");
        assertEquals(0750, applied.permissions());
        assertEquals("user::rwx,group::r-x,other::---,default:user:bob:rw-,default:user::rwx,default:group::r-x,default:other::---,default:mask::rwx",
                PosixAccess.acl(applied.permissions(), applied.extendedAcl()));
    }

    @Test
    void aChildTakesTheDefaultAclLimitedByItsMode() {
        final String parent = PosixAccess.applyAcl("user::rwx,group::r-x,other::---,default:user:foo:rwx", true, 0, "").extendedAcl();
        final PosixAccess.AppliedAcl file = PosixAccess.inherit(parent, 0666 & ~0022, false);
        assertEquals(0640, file.permissions(), "user rwx & rw-, mask rwx & r--, other --- & r--");
        assertEquals("user::rw-,user:foo:rwx,group::r-x,mask::r--,other::---", PosixAccess.acl(file.permissions(), file.extendedAcl()));

        final PosixAccess.AppliedAcl directory = PosixAccess.inherit(parent, 0777 & ~0022, true);
        assertEquals(0750, directory.permissions());
        assertTrue(PosixAccess.acl(directory.permissions(), directory.extendedAcl())
                .endsWith("default:user:foo:rwx,default:user::rwx,default:group::r-x,default:other::---,default:mask::rwx"),
                "a directory keeps the default ACL for its own children");
        assertEquals(null, PosixAccess.inherit("", 0644, false), "without a default ACL the mode stands");
    }

    @Test
    void defaultEntriesAloneReplaceTheDefaultAclAndKeepTheAccessAcl() {
        final PosixAccess.AppliedAcl before = PosixAccess.applyAcl("user::rwx,group::r-x,other::---,user:bob:r--", true, 0, "");
        final PosixAccess.AppliedAcl after = PosixAccess.applyAcl("default:user:foo:rwx", true, before.permissions() | PosixAccess.STICKY,
                before.extendedAcl());
        assertEquals(0750 | PosixAccess.STICKY, after.permissions());
        assertEquals("user::rwx,user:bob:r--,group::r-x,mask::r-x,other::---,default:user:foo:rwx,default:user::rwx,default:group::r-x,"
                + "default:other::---,default:mask::rwx", PosixAccess.acl(after.permissions(), after.extendedAcl()));
    }

    @Test
    void defaultEntriesOnAFileAreRefused() {
        final AdlsServiceException e = assertThrows(AdlsServiceException.class,
                () -> PosixAccess.applyAcl("user::rw-,group::r--,other::---,default:user::rwx", false, 0, ""));
        assertEquals(400, e.getStatus());
        assertEquals("InvalidAccessControlList", e.getErrorCode());
    }

    @Test
    void malformedAclIsRefused() {
        final AdlsServiceException e = assertThrows(AdlsServiceException.class, () -> PosixAccess.applyAcl("user::rwq,other::---", false, 0, ""));
        assertEquals(400, e.getStatus());
    }
}
