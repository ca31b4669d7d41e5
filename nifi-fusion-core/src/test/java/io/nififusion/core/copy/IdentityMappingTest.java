package io.nififusion.core.copy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityMappingTest {

    @Test
    void mapsUsersAndGroupsSeparately() throws IOException {
        final IdentityMapping mapping = IdentityMapping.parse(new StringReader("""
                # on-premises name = Azure AD object id
                user:alice = 11111111-1111-1111-1111-111111111111
                group:alice=22222222-2222-2222-2222-222222222222

                group:analysts=33333333-3333-3333-3333-333333333333
                """), "mapping");

        assertEquals("11111111-1111-1111-1111-111111111111", mapping.userObjectId("alice"));
        assertEquals("22222222-2222-2222-2222-222222222222", mapping.groupObjectId("alice"));
        assertEquals("33333333-3333-3333-3333-333333333333", mapping.groupObjectId("analysts"));
        assertNull(mapping.userObjectId("bob"));
        assertEquals(3, mapping.size());
    }

    @Test
    void namesTheLineThatIsNotAMapping() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdentityMapping.parse(new StringReader("user:alice=1\nalice 2\n"), "ids.txt"));

        assertTrue(e.getMessage().contains("ids.txt line 2"), e.getMessage());
    }
}
