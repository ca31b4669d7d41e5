package io.nififusion.testkit.adls.traffic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestKindTest {

    @Test
    void namesTheOperationsTheSdkAndAbfsSend() {
        assertEquals("PUT create-file", RequestKind.of("PUT", null, "resource=file", null));
        assertEquals("PUT create-directory", RequestKind.of("PUT", null, "resource=directory", null));
        assertEquals("PATCH append", RequestKind.of("PATCH", null, "action=append&position=0", null));
        assertEquals("PATCH flush", RequestKind.of("PATCH", null, "action=flush&position=10&close=true", null));
        assertEquals("PATCH append", RequestKind.of("PUT", "PATCH", "action=append&position=0", null), "ABFS's method override counts as the PATCH");
        assertEquals("PUT rename", RequestKind.of("PUT", null, "mode=legacy", "/fs/a"));
        assertEquals("HEAD properties", RequestKind.of("HEAD", null, null, null));
        assertEquals("HEAD getaccesscontrol", RequestKind.of("HEAD", null, "action=getAccessControl", null));
        assertEquals("GET read", RequestKind.of("GET", null, "", null));
        assertEquals("GET list", RequestKind.of("GET", null, "resource=filesystem&directory=a&recursive=false", null));
        assertEquals("PUT container", RequestKind.of("PUT", null, "restype=container", null));
        assertEquals("GET container-list", RequestKind.of("GET", null, "restype=container&comp=list", null));
        assertEquals("DELETE delete", RequestKind.of("DELETE", null, "recursive=true", null));
    }

    @Test
    void parametersAreDecodedAndCaseInsensitive() {
        assertEquals("flush", RequestKind.parameter("position=1&Action=Flush", "action"));
        assertEquals("", RequestKind.parameter("comp", "comp"));
        assertNull(RequestKind.parameter(null, "action"));
        assertNull(RequestKind.parameter("a=b", "action"));
    }
}
