package io.nififusion.core.copy;

import io.nififusion.core.target.TargetVersion;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplacedVersionsTest {
    private static final SourceFile REPLACING = new SourceFile("/data/f.csv", false, 120, 2_000, 42, null);

    @Test
    void aFileRecordingAnotherSourceFileIsAVersionOfItsOwn() {
        // create with overwrite, delete and create again, a rename over it: another inode id
        assertTrue(ReplacedVersions.isReplacement(file(new TargetVersion("/data/f.csv", 100, 1_000, 41, 7L)), REPLACING));
        assertTrue(ReplacedVersions.isReplacement(file(new TargetVersion("/data/old.csv", 120, 2_000, 17, 7L)), REPLACING));
    }

    @Test
    void theSameFileGrownOrTruncatedIsNoVersionOfItsOwn() {
        assertFalse(ReplacedVersions.isReplacement(file(new TargetVersion("/data/f.csv", 100, 1_000, 42, 7L)), REPLACING), "an append");
        assertFalse(ReplacedVersions.isReplacement(file(new TargetVersion("/data/f.csv", 150, 1_500, 42, 7L)), REPLACING), "a truncate");
    }

    @Test
    void nothingReplicationDidNotWriteIsKept() {
        assertFalse(ReplacedVersions.isReplacement(TargetState.ABSENT, REPLACING));
        assertFalse(ReplacedVersions.isReplacement(TargetState.of(true, 0, "\"d\"", Map.of()), REPLACING), "a directory goes by the delete policy");
        assertFalse(ReplacedVersions.isReplacement(TargetState.of(false, 10, "\"e\"", Map.of("owner", "etl")), REPLACING),
                "a file replication did not write records no source version");
    }

    private static TargetState file(final TargetVersion version) {
        return TargetState.of(false, version.length(), "\"etag\"", version.toMetadata());
    }
}
