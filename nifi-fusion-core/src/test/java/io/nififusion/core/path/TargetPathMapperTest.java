package io.nififusion.core.path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetPathMapperTest {

    @Test
    void mapsPathsBelowTheSourceRootUnderTheTargetRoot() {
        final TargetPathMapper mapper = new TargetPathMapper("/data/warehouse/", "/migrated/warehouse");
        assertEquals("migrated/warehouse", mapper.toTargetPath("/data/warehouse"));
        assertEquals("migrated/warehouse/sales/part-0000 #1 %.parquet", mapper.toTargetPath("/data/warehouse/sales/part-0000 #1 %.parquet"));
        assertEquals("migrated/warehouse/日本/ü", mapper.toTargetPath("/data/warehouse//日本/ü"));
        assertEquals("/data/warehouse/sales/x", mapper.toSourcePath("migrated/warehouse/sales/x"));
        assertEquals("/data/warehouse", mapper.toSourcePath("migrated/warehouse"));
    }

    @Test
    void mapsTheWholeNamespaceToTheFilesystemRoot() {
        final TargetPathMapper mapper = new TargetPathMapper("/", "");
        assertEquals("", mapper.toTargetPath("/"));
        assertEquals("a/b", mapper.toTargetPath("/a/b"));
        assertEquals("/a/b", mapper.toSourcePath("a/b"));
        assertTrue(mapper.covers("/anything"));
    }

    @Test
    void aTargetRootAdlsWouldChangeIsRejectedUpFront() {
        final IllegalArgumentException trailingDot = assertThrows(UnsupportedTargetPathException.class, () -> new TargetPathMapper("/data", "landing/odd."));
        assertTrue(trailingDot.getMessage().startsWith("Target root [landing/odd.] has the name [odd.] ending in '.'"), trailingDot.getMessage());
        assertThrows(UnsupportedTargetPathException.class, () -> new TargetPathMapper("/data", "landing\\windows"));
    }

    @Test
    void rejectsPathsThatWouldEscapeEitherRoot() {
        final TargetPathMapper mapper = new TargetPathMapper("/data", "target");
        assertFalse(mapper.covers("/database/x"));
        assertThrows(IllegalArgumentException.class, () -> mapper.toTargetPath("/database/x"));
        assertThrows(IllegalArgumentException.class, () -> mapper.toTargetPath("/data/../etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> mapper.toTargetPath("/data/./x"));
        assertThrows(IllegalArgumentException.class, () -> mapper.toTargetPath("data/x"));
        assertThrows(IllegalArgumentException.class, () -> mapper.toSourcePath("targets/x"));
        assertThrows(IllegalArgumentException.class, () -> new TargetPathMapper("relative", "target"));
        assertThrows(IllegalArgumentException.class, () -> new TargetPathMapper("/data", "../outside"));
    }
}
