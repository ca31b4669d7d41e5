package io.nififusion.core.listing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExclusionFilterTest {

    @Test
    void defaultsExcludeScratchSpaceAndWriterTemporaryFiles() {
        final ExclusionFilter filter = ExclusionFilter.parse(ExclusionFilter.DEFAULT_EXCLUSIONS);
        assertTrue(filter.isExcluded("/user/etl/.Trash/Current/x"));
        assertTrue(filter.isExcluded("/data/out/_temporary/0/part-0"));
        assertTrue(filter.isExcluded("/warehouse/t/.hive-staging_hive_2026-11-25_10-00-00/-ext-10000"));
        assertTrue(filter.isExcluded("/data/.snapshot/s1/file"));
        assertTrue(filter.isExcluded("/data/upload.csv._COPYING_"));
        assertTrue(filter.isExcluded("/data/.part-0.tmp"));
        assertTrue(filter.isExcluded("/data/.part-0.inprogress.8f1c"));
        assertFalse(filter.isExcluded("/data/upload.csv"));
        assertFalse(filter.isExcluded("/data/_SUCCESS"));
        assertFalse(filter.isExcluded("/data/part-0.tmp"));
        assertFalse(filter.isExcluded("/data/Trash/x"));
    }

    @Test
    void globsMatchSingleNamesAndRegexesTheWholePath() {
        final ExclusionFilter filter = ExclusionFilter.parse("*.bak, tmp?, [!a]x, regex:/data/logs/20[0-9]{2}/.*");
        assertTrue(filter.isExcluded("/a/file.bak"));
        assertFalse(filter.isExcluded("/a/file.bak2"));
        assertTrue(filter.isExcluded("/a/tmp1/f"));
        assertTrue(filter.isExcluded("/a/bx"));
        assertFalse(filter.isExcluded("/a/ax"));
        assertTrue(filter.isExcluded("/data/logs/2026/app.log"));
        assertFalse(filter.isExcluded("/data/logs/current/app.log"));
        assertTrue(filter.isExcludedChild("/a/x.bak", "x.bak"));
    }

    @Test
    void specialCharactersInGlobsAreLiteral() {
        final ExclusionFilter filter = ExclusionFilter.parse("a+b (1).txt,100%");
        assertTrue(filter.isExcluded("/d/a+b (1).txt"));
        assertFalse(filter.isExcluded("/d/aab (1).txt"));
        assertTrue(filter.isExcluded("/d/100%"));
    }

    @Test
    void emptyMeansNothingExcluded() {
        assertFalse(ExclusionFilter.parse("").isExcluded("/data/.Trash"));
        assertFalse(ExclusionFilter.parse(null).isExcluded("/data/_temporary"));
    }

    @Test
    void invalidPatternsAreRejectedWithTheEntryNamed() {
        final IllegalArgumentException regex = assertThrows(IllegalArgumentException.class, () -> ExclusionFilter.parse("ok,regex:/data/(unclosed"));
        assertTrue(regex.getMessage().contains("regex:/data/(unclosed"), regex.getMessage());
        final IllegalArgumentException glob = assertThrows(IllegalArgumentException.class, () -> ExclusionFilter.parse("[abc"));
        assertTrue(glob.getMessage().contains("[abc"), glob.getMessage());
    }
}
