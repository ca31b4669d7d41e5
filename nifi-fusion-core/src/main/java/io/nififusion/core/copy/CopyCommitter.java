package io.nififusion.core.copy;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;

import java.io.IOException;

/**
 * The commit of a copy (DESIGN §2 rule 3): the temp renamed over the final path only if the final path is still what
 * the plan saw (If-Match its ETag, or If-None-Match * when absent). When it is not, both sides are read afresh and
 * decided again: a rival commit of the same source version makes this copy unnecessary, a changed source makes it
 * stale, and anything else commits over the rival under the new condition.
 */
final class CopyCommitter {
    private static final int MAX_COMMIT_ROUNDS = 3;

    /**
     * The outcome of a commit: {@code COPY} when committed, another decision (with the fresh states it was made on)
     * when a fresh look superseded the copy, or a null decision when the copy must be made again.
     */
    record Result(CopyDecision decision, SourceFile source, TargetState target) {
    }

    private final ReplicationPaths paths;
    private final ReplicationErrorClassifier classifier;
    private final CopyPlanner planner;

    CopyCommitter(final ReplicationPaths paths, final ReplicationErrorClassifier classifier, final CopyPlanner planner) {
        this.paths = paths;
        this.classifier = classifier;
        this.planner = planner;
    }

    /** @param disprovedEtag the entity tag of a target file a verification disproved, which is copied over though current */
    Result commit(final String tempPath, final String targetPath, final SourceFile sourceFile, final TargetState plannedState,
                  final String disprovedEtag) throws ReplicationException, IOException {
        TargetState finalState = plannedState;
        for (int round = 0; round < MAX_COMMIT_ROUNDS; round++) {
            final DataLakeRequestConditions conditions = finalState.exists()
                    ? new DataLakeRequestConditions().setIfMatch(finalState.etag())
                    : new DataLakeRequestConditions().setIfNoneMatch("*");
            final int status;
            try {
                paths.target().getFileClient(tempPath).renameWithResponse(null, targetPath, null, conditions, null, Context.NONE);
                return new Result(CopyDecision.COPY, sourceFile, finalState);
            } catch (final DataLakeStorageException e) {
                status = e.getStatusCode();
                if (status != 412 && status != 409 && status != 404) {
                    throw classifier.classify(e, "Renaming " + tempPath + " to " + targetPath);
                }
            }
            final SourceFile freshSource = paths.stat(sourceFile.path());
            finalState = paths.targetState(targetPath);
            if (freshSource == null || !sourceFile.sameVersion(freshSource)) {
                paths.deleteQuietly(tempPath);
                return new Result(null, freshSource, finalState);
            }
            final CopyDecision decision = planner.decide(freshSource, finalState, disprovedEtag);
            if (decision != CopyDecision.COPY) {
                paths.deleteQuietly(tempPath);
                return new Result(decision, freshSource, finalState);
            }
            if (status == 404 && !paths.targetState(tempPath).exists()) {
                // the temp is gone (a reconcile removed it, or a lost answer hid our own rename that a rival then replaced)
                return new Result(null, freshSource, finalState);
            }
        }
        throw new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE,
                "Target " + targetPath + " kept changing while committing the copy of " + sourceFile.path(), null);
    }
}
