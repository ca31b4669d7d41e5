package io.nififusion.core.restore;

import com.azure.storage.file.datalake.models.PathAccessControl;
import com.azure.storage.file.datalake.models.PathPermissions;
import io.nififusion.core.copy.IdentityMapping;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RestoredAccessTest {

    @Test
    void bitsAsTheyAreAndObjectIdsBackToNames() throws IOException {
        final IdentityMapping mapping = IdentityMapping.parse(new StringReader("user:alice=oid-alice\ngroup:analysts=OID-ANALYSTS\n"), "test");
        final PathAccessControl access = new PathAccessControl(List.of(), PathPermissions.parseOctal("1750"), "oid-analysts", "oid-alice");

        final RestoredAccess restored = RestoredAccess.of(access, mapping);

        assertEquals(new FsPermission((short) 01750), restored.permission());
        assertEquals("alice", restored.owner());
        assertEquals("analysts", restored.group());
    }

    @Test
    void anObjectIdNoMappingNamesStaysUnset() throws IOException {
        final IdentityMapping mapping = IdentityMapping.parse(new StringReader("user:alice=oid-1\nuser:bob=oid-1\n"), "test");
        final PathAccessControl access = new PathAccessControl(List.of(), PathPermissions.parseOctal("0640"), "oid-group", "oid-1");

        final RestoredAccess restored = RestoredAccess.of(access, mapping);

        assertNull(restored.owner(), "two names for one object id: none is guessed");
        assertNull(restored.group());
        assertEquals("permission rw-r-----, owner unmapped, group unmapped", restored.describe());
    }
}
