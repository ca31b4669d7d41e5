package io.nififusion.core.copy;

import com.azure.storage.file.datalake.models.PathAccessControlEntry;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.AclEntryScope;
import org.apache.hadoop.fs.permission.AclEntryType;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AccessControlTranslatorTest {

    @Test
    void permissionBitsKeepTheStickyBit() {
        assertEquals("1777", AccessControlTranslator.toPathPermissions(new FsPermission((short) 01777)).toString());
        assertEquals("0750", AccessControlTranslator.toPathPermissions(new FsPermission((short) 0750)).toString());
    }

    @Test
    void extendedAclGetsBaseEntriesMaskAndMappedNames() throws IOException {
        final IdentityMapping mapping = IdentityMapping.parse(new StringReader("user:alice=aaaa\ngroup:analysts=gggg\n"), "mapping");
        final List<AclEntry> hdfsEntries = List.of(
                entry(AclEntryScope.ACCESS, AclEntryType.USER, "alice", FsAction.READ_EXECUTE),
                entry(AclEntryScope.ACCESS, AclEntryType.USER, "bob", FsAction.READ),
                entry(AclEntryScope.ACCESS, AclEntryType.GROUP, null, FsAction.READ_EXECUTE),
                entry(AclEntryScope.ACCESS, AclEntryType.GROUP, "analysts", FsAction.READ),
                entry(AclEntryScope.DEFAULT, AclEntryType.USER, null, FsAction.ALL));

        final AccessControlTranslator.TranslatedAcl acl = new AccessControlTranslator(mapping).translate(new FsPermission((short) 0750), hdfsEntries);

        assertEquals("user::rwx,user:aaaa:r-x,group::r-x,group:gggg:r--,mask::r-x,other::---,default:user::rwx",
                PathAccessControlEntry.serializeList(acl.entries()));
        assertEquals(Set.of("user:bob"), acl.unmappedNames());
    }

    private static AclEntry entry(final AclEntryScope scope, final AclEntryType type, final String name, final FsAction action) {
        final AclEntry.Builder builder = new AclEntry.Builder().setScope(scope).setType(type).setPermission(action);
        if (name != null) {
            builder.setName(name);
        }
        return builder.build();
    }
}
