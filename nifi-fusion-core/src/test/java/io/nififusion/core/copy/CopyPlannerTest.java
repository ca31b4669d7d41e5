package io.nififusion.core.copy;

import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CopyPlannerTest {
    private static final CopyPlanner OVERWRITE = new CopyPlanner(ExistingTargetPolicy.OVERWRITE);
    private static final CopyPlanner FAIL = new CopyPlanner(ExistingTargetPolicy.FAIL);

    @Test
    void copiesWhenTheTargetIsAbsent() {
        assertEquals(CopyDecision.COPY, OVERWRITE.decide(source(10, 1000, 7), TargetState.ABSENT));
    }

    @Test
    void skipsTheSameVersion() {
        assertEquals(CopyDecision.SKIP_SAME_VERSION, OVERWRITE.decide(source(10, 1000, 7), target(10, version(10, 1000, 7))));
    }

    @Test
    void aTargetAVerificationDisprovedIsCopiedOverWhileItIsStillThere() {
        final TargetState disproved = target(10, version(10, 1000, 7));

        assertEquals(CopyDecision.COPY, OVERWRITE.decide(source(10, 1000, 7), disproved, disproved.etag()));
        // someone wrote the path since the verification: that file was not disproved
        assertEquals(CopyDecision.SKIP_SAME_VERSION, OVERWRITE.decide(source(10, 1000, 7), disproved, "\"another-etag\""));
    }

    @Test
    void copiesWhenTheRecordedVersionMatchesButTheStoredLengthDoesNot() {
        assertEquals(CopyDecision.COPY, OVERWRITE.decide(source(10, 1000, 7), target(9, version(10, 1000, 7))));
    }

    @Test
    void copiesANewerSourceVersion() {
        assertEquals(CopyDecision.COPY, OVERWRITE.decide(source(12, 2000, 7), target(10, version(10, 1000, 7))));
    }

    @Test
    void copiesWhateverTheSourceHoldsNowEvenIfTheTargetLooksNewer() {
        // the source is the truth: a version that looks older is what the path holds now (truncate, touch -d, a restore)
        assertEquals(CopyDecision.COPY, OVERWRITE.decide(source(10, 1000, 7), target(12, version(12, 2000, 7))));
    }

    @Test
    void copiesAnOlderFilePutBackAtThePath() {
        // mv P.bak P: an older inode with an older time replaces a newer one; versions of two inodes are never ordered
        assertEquals(CopyDecision.COPY, OVERWRITE.decide(source(10, 1000, 7), target(12, version(12, 2000, 9))));
    }

    @Test
    void copiesANewerInodeEvenWithAnOlderPreservedTime() {
        assertEquals(CopyDecision.COPY, OVERWRITE.decide(source(10, 500, 9), target(12, version(12, 2000, 7))));
    }

    @Test
    void foreignTargetFollowsThePolicy() {
        final TargetState foreign = TargetState.of(false, 10, "\"etag\"", Map.of());

        assertEquals(CopyDecision.COPY, OVERWRITE.decide(source(10, 1000, 7), foreign));
        assertEquals(CopyDecision.FAIL_TARGET_EXISTS, FAIL.decide(source(10, 1000, 7), foreign));
    }

    @Test
    void updatesItsOwnFilesEvenWhenThePolicyIsFail() {
        assertEquals(CopyDecision.COPY, FAIL.decide(source(12, 2000, 7), target(10, version(10, 1000, 7))));
    }

    @Test
    void directoryAtTheTargetIsATypeChangeToReconcile() {
        assertEquals(CopyDecision.RECONCILE_TYPE_CHANGE, OVERWRITE.decide(source(10, 1000, 7), TargetState.of(true, 0, "\"etag\"", Map.of())));
    }

    private static SourceFile source(final long length, final long modificationTime, final long fileId) {
        return new SourceFile("/data/file", false, length, modificationTime, fileId, new FileStatus());
    }

    private static TargetVersion version(final long length, final long modificationTime, final long fileId) {
        return new TargetVersion("/data/file", length, modificationTime, fileId, 1L);
    }

    private static TargetState target(final long storedLength, final TargetVersion version) {
        return TargetState.of(false, storedLength, "\"etag\"", version.toMetadata());
    }
}
