package io.nififusion.core.copy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TempPathNamesTest {
    private final TempPathNames names = new TempPathNames("_fusion_tmp.");

    @Test
    void tempLivesInTheSameDirectoryAndIsHidden() {
        final String temp = names.newTempPathFor("a/b/part-0000 #1.csv");

        assertTrue(temp.startsWith("a/b/_fusion_tmp.part-0000 #1.csv."), temp);
        assertTrue(names.newTempPathFor("top").startsWith("_fusion_tmp.top."));
        assertTrue(names.isTempPath(temp));
        assertFalse(names.isTempPath("a/b/part-0000"));
        assertTrue(names.isTempNextTo(temp, "a/b/part-0000 #1.csv"));
        assertFalse(names.isTempNextTo(temp, "a/c/part-0000 #1.csv"));
        assertFalse(names.isTempNextTo("a/b/part-0000", "a/b/part-0000"));
    }

    @Test
    void everyAttemptGetsItsOwnTemp() {
        // two copies of one path (a scan record and a CLOSE record on two nodes) never write into one temp
        assertNotEquals(names.newTempPathFor("a/b/file"), names.newTempPathFor("a/b/file"));
    }

    @Test
    void longNamesStayWithinOneSegmentLimit() {
        final String longName = "é".repeat(127);

        final String temp = names.newTempPathFor("dir/" + longName);

        assertTrue(temp.startsWith("dir/_fusion_tmp."));
        assertTrue(temp.substring(4).getBytes(StandardCharsets.UTF_8).length <= 255);
        assertNotEquals(temp, names.newTempPathFor("dir/" + longName));
    }

    @Test
    void prefixMustHideTheFile() {
        assertThrows(IllegalArgumentException.class, () -> new TempPathNames("tmp."));
        new TempPathNames(".fusion-");
    }
}
