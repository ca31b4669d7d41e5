package io.nififusion.core.copy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TempPathNamesTest {
    private final TempPathNames names = new TempPathNames("_fusion_tmp.");

    @Test
    void tempLivesInTheSameDirectory() {
        assertEquals("a/b/_fusion_tmp.part-0000 #1.csv", names.tempPathFor("a/b/part-0000 #1.csv"));
        assertEquals("_fusion_tmp.top", names.tempPathFor("top"));
        assertTrue(names.isTempPath("a/b/_fusion_tmp.part-0000 #1.csv"));
        assertFalse(names.isTempPath("a/b/part-0000"));
    }

    @Test
    void longNamesStayWithinOneSegmentLimit() {
        final String longName = "é".repeat(127);

        final String temp = names.tempPathFor("dir/" + longName);

        assertTrue(temp.startsWith("dir/_fusion_tmp."));
        assertTrue(temp.substring(4).getBytes(StandardCharsets.UTF_8).length <= 255);
        assertEquals(temp, names.tempPathFor("dir/" + longName));
    }

    @Test
    void prefixMustHideTheFile() {
        assertThrows(IllegalArgumentException.class, () -> new TempPathNames("tmp."));
        new TempPathNames(".fusion-");
    }
}
