package io.nififusion.core.copy;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * The commit of a copy (DESIGN §2 rule 3): the temp renamed over the final path only if the final path is still what
 * the plan saw (If-Match its ETag, or If-None-Match * when absent). When it is not, both sides are read afresh and
 * decided again: a rival commit of the same source version makes this copy unnecessary, a changed source makes it
 * stale, and anything else commits over the rival under the new condition. With Keep Replaced Versions, the file a
 * round is about to replace is saved into the trash first ({@link ReplacedVersions}), so the live path is never
 * absent: readers see the old version or the new one.
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
    private final ReplacedVersions replacedVersions;

    CopyCommitter(final ReplicationPaths paths, final ReplicationErrorClassifier classifier, final CopyPlanner planner,
                  final ReplacedVersions replacedVersions) {
        this.paths = paths;
        this.classifier = classifier;
        this.planner = planner;
        this.replacedVersions = replacedVersions;
    }

    /**
     * @param temp the client of the temp at {@code tempPath}
     * @param disprovedEtag the entity tag of a target file a verification disproved, which is copied over though current
     * @param keepRunning checked between the chunks of a replaced version being saved
     */
    Result commit(final DataLakeFileClient temp, final String tempPath, final String targetPath, final SourceFile sourceFile,
                  final TargetState plannedState, final String disprovedEtag, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        TargetState finalState = plannedState;
        ReplacedVersionSaver.SavedVersion saved = null;
        for (int round = 0; round < MAX_COMMIT_ROUNDS; round++) {
            final ReplacedVersionSaver.SavedVersion savedBefore = saved;
            saved = replacedVersions.keepBefore(targetPath, finalState, sourceFile, saved, keepRunning);
            if (saved != savedBefore) {
                // saving took time: a source that moved on meanwhile is copied again rather than committed stale
                final SourceFile afterSave = paths.stat(sourceFile.path());
                if (afterSave == null || !sourceFile.sameVersion(afterSave)) {
                    paths.deleteQuietly(tempPath);
                    return new Result(null, afterSave, finalState);
                }
            }
            final DataLakeRequestConditions conditions = finalState.exists()
                    ? new DataLakeRequestConditions().setIfMatch(finalState.etag())
                    : new DataLakeRequestConditions().setIfNoneMatch("*");
            final int status;
            try {
                temp.renameWithResponse(null, targetPath, null, conditions, null, Context.NONE);
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
