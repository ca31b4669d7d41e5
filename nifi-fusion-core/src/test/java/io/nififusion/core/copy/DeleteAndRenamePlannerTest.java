package io.nififusion.core.copy;

import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The DELETE and RENAME decisions of DESIGN §2, from the states of both sides now, never from what a record says. */
class DeleteAndRenamePlannerTest {
    private static final DeletePlanner DELETES = new DeletePlanner(DeletePolicy.PROPAGATE);
    private static final RenamePlanner RENAMES = new RenamePlanner(DeletePolicy.PROPAGATE);

    @Test
    void deleteRemovesOnlyWhatTheSourceNoLongerHolds() {
        assertEquals(DeleteDecision.DELETE, DELETES.decide(null, file(7)));
        assertEquals(DeleteDecision.NOTHING_TO_DELETE, DELETES.decide(null, TargetState.ABSENT));
        // re-created (or put back) since the delete: whatever is under it now survives
        assertEquals(DeleteDecision.RECONCILE, DELETES.decide(source(9, false), file(7)));
        assertEquals(DeleteDecision.RECONCILE, DELETES.decide(source(7, false), file(7)));
        assertEquals(DeleteDecision.RECONCILE, DELETES.decide(source(9, true), TargetState.ABSENT));
        assertEquals(DeleteDecision.KEPT_BY_POLICY, new DeletePlanner(DeletePolicy.IGNORE).decide(null, file(7)));
    }

    @Test
    void renameMovesOnlyTheVeryInodeThatWasRenamed() {
        assertEquals(RenameDecision.MOVE, RENAMES.decide(source(7, false), file(7), TargetState.ABSENT));
        assertEquals(RenameDecision.MOVE, RENAMES.decide(source(7, false), file(7), file(3)));
        assertEquals(RenameDecision.MOVE, RENAMES.decide(source(7, true), directory(7), TargetState.ABSENT));
    }

    @Test
    void anythingElseReconcilesBothNames() {
        // mv a b; create a: target a already holds the new file
        assertEquals(RenameDecision.RECONCILE_BOTH, RENAMES.decide(source(7, false), file(9), TargetState.ABSENT));
        // a late or repeated record: the old name is gone, or the new name is gone again
        assertEquals(RenameDecision.RECONCILE_BOTH, RENAMES.decide(source(7, false), TargetState.ABSENT, file(7)));
        assertEquals(RenameDecision.RECONCILE_BOTH, RENAMES.decide(null, file(7), TargetState.ABSENT));
        // a file written by something else, a type change, a directory in the way
        assertEquals(RenameDecision.RECONCILE_BOTH, RENAMES.decide(source(7, false), TargetState.of(false, 10, "\"e\"", Map.of()), TargetState.ABSENT));
        assertEquals(RenameDecision.RECONCILE_BOTH, RENAMES.decide(source(7, true), file(7), TargetState.ABSENT));
        assertEquals(RenameDecision.RECONCILE_BOTH, RENAMES.decide(source(7, false), file(7), directory(3)));
        assertEquals(RenameDecision.RECONCILE_BOTH, RENAMES.decide(source(7, true), directory(7), file(3)));
        // a move would delete the old name, which the policy keeps
        assertEquals(RenameDecision.RECONCILE_BOTH, new RenamePlanner(DeletePolicy.IGNORE).decide(source(7, false), file(7), TargetState.ABSENT));
    }

    private static SourceFile source(final long fileId, final boolean directory) {
        return new SourceFile("/data/b", directory, directory ? 0 : 10, 1000, fileId, new FileStatus());
    }

    private static TargetState file(final long recordedFileId) {
        return TargetState.of(false, 10, "\"etag\"", new TargetVersion("/data/a", 10, 1000, recordedFileId, 1L).toMetadata());
    }

    private static TargetState directory(final long recordedFileId) {
        return TargetState.of(true, 0, "\"etag\"", new TargetVersion("/data/a", 0, 1000, recordedFileId, null).toMetadata());
    }
}
