package io.nififusion.core.copy;

import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * COPY of one file (DESIGN §2 rules 2 to 4): decide against the target's recorded version, stream into a temp file
 * unique to the attempt (or resume the checkpointed temp a failed attempt of the same record reported), flush once
 * with Content-MD5, re-read the source, and commit by a rename conditional on the target's state seen when planning.
 * A conflict at commit re-plans from a fresh read of both sides. A file still open for writing is never committed.
 * The bytes are {@link TempFileWriter}'s, the commit {@link CopyCommitter}'s; this class runs the attempts and owns
 * the temp until it is committed or gone.
 */
final class FileCopier {
    private static final Logger LOGGER = LoggerFactory.getLogger(FileCopier.class);

    /** What a COPY does when the path turns out to be a directory on either side: the type changed, reconcile it. */
    @FunctionalInterface
    interface TypeChange {
        ReplicationOutcome reconcile(String sourcePath) throws ReplicationException, IOException;
    }

    private final ReplicationPaths paths;
    private final ReplicatorSettings settings;
    private final ReplicationErrorClassifier classifier;
    private final CopyPlanner planner;
    private final TempPathNames tempNames;
    private final TempFileWriter writer;
    private final CopyCommitter committer;
    private final MetadataApplier metadataApplier;

    FileCopier(final ReplicationPaths paths, final ReplicatorSettings settings, final ReplicationErrorClassifier classifier, final ChunkedCopier copier,
               final MetadataApplier metadataApplier, final BandwidthThrottle throttle, final ReplacedVersions replacedVersions) {
        this.paths = paths;
        this.settings = settings;
        this.classifier = classifier;
        this.planner = new CopyPlanner(settings.existingTargetPolicy());
        this.tempNames = new TempPathNames(settings.tempPrefix());
        this.writer = new TempFileWriter(paths, settings, classifier, copier, throttle);
        this.committer = new CopyCommitter(paths, classifier, planner, replacedVersions);
        this.metadataApplier = metadataApplier;
    }

    /**
     * Copies the current source file, or skips or does nothing when the state says so.
     *
     * @param resumeTempPath the temp a failed attempt of this record left checkpointed bytes in, or null
     */
    ReplicationOutcome copy(final String sourcePath, final String resumeTempPath, final BooleanSupplier keepRunning, final TypeChange typeChange)
            throws ReplicationException, IOException {
        return copy(sourcePath, resumeTempPath, false, keepRunning, typeChange);
    }

    /**
     * @param targetDisproved a verification found the target's bytes differ from the source version the target records:
     *     the file the target holds at the first look is copied over even though it records the current version
     */
    ReplicationOutcome copy(final String sourcePath, final String resumeTempPath, final boolean targetDisproved, final BooleanSupplier keepRunning,
                            final TypeChange typeChange) throws ReplicationException, IOException {
        final String targetPath = paths.toTargetPath(sourcePath);
        final TempFile temp = new TempFile();
        temp.path = resumeTempPath != null && tempNames.isTempNextTo(resumeTempPath, targetPath) ? resumeTempPath : null;
        // a reported temp holds a big file's checkpoint: a failure before the source is even read keeps it for the next retry
        temp.resumable = temp.path != null;
        temp.disprovedTarget = targetDisproved;
        temp.written = temp.path != null;
        try {
            final ReplicationOutcome outcome = copyAttempts(sourcePath, targetPath, temp, keepRunning, typeChange);
            return temp.written ? outcome.withTargetWritten() : outcome;
        } catch (final ReplicationException e) {
            if (e.getResumableTempPath() == null) {
                paths.deleteQuietly(temp.path);
            }
            throw e;
        } catch (final IOException | RuntimeException e) {
            // a failure around the bytes rather than in them (the NameNode in safe mode, the target unreachable): the
            // temp goes, unless it holds checkpointed bytes of a big file that the retry of this record can resume
            final ReplicationException classified = classifier.classify(e, "Copying " + sourcePath);
            if (temp.path != null && temp.resumable && classified.isTransient()) {
                throw classified.withResumableTempPath(temp.path);
            }
            paths.deleteQuietly(temp.path);
            throw classified;
        }
    }

    /** The temp file of one copy: what must not be left behind when the copy fails, whatever fails. */
    private static final class TempFile {
        private String path;
        /** The client of {@link #path}, built once: the SDK builds a pipeline of clients for every path it is asked for. */
        private DataLakeFileClient client;
        private String clientPath;
        private boolean resumable;
        /** The record says a verification disproved the target's bytes. */
        private boolean disprovedTarget;
        /** The entity tag of the disproved target file, taken at the first look. */
        private String disprovedEtag;
        /** A temp of this copy was created at the target (or resumed from one a failed attempt made), its parents with it. */
        private boolean written;

        /** This attempt's temp is gone (deleted, or committed as the final file): the next attempt starts a new one. */
        private void forget() {
            path = null;
        }

        private DataLakeFileClient client(final DataLakeFileSystemClient target) {
            if (client == null || !path.equals(clientPath)) {
                client = target.getFileClient(path);
                clientPath = path;
            }
            return client;
        }
    }

    private ReplicationOutcome copyAttempts(final String sourcePath, final String targetPath, final TempFile temp, final BooleanSupplier keepRunning,
                                            final TypeChange typeChange) throws ReplicationException, IOException {
        long bytesSent = 0;
        for (int attempt = 1; attempt <= settings.maxCopyAttempts(); attempt++) {
            final SourceFile before = paths.stat(sourcePath);
            if (before != null && before.directory()) {
                paths.deleteQuietly(temp.path);
                return typeChange.reconcile(sourcePath);
            }
            if (before == null || !paths.isClosed(before)) {
                paths.deleteQuietly(temp.path);
                return notCopyable(sourcePath, targetPath, before).afterAttempts(attempt, bytesSent);
            }
            final TargetState finalState = paths.targetState(targetPath);
            if (temp.disprovedTarget && temp.disprovedEtag == null) {
                temp.disprovedEtag = finalState.etag();
            }
            final CopyDecision decision = planner.decide(before, finalState, temp.disprovedEtag);
            if (decision != CopyDecision.COPY) {
                paths.deleteQuietly(temp.path);
                final ReplicationOutcome outcome = decided(decision, before, targetPath, typeChange);
                return decision == CopyDecision.RECONCILE_TYPE_CHANGE ? outcome : outcome.afterAttempts(attempt, bytesSent);
            }
            prepareTemp(temp, targetPath, before.length());
            temp.written = true;
            final TempFileWriter.Written written;
            try {
                written = writer.write(before, temp.client(paths.target()), temp.path, keepRunning);
            } catch (final ReplicationException | IOException e) {
                final ReplicationOutcome typeChanged = writeFailed(sourcePath, targetPath, before, temp, e, typeChange);
                if (typeChanged == null) {
                    continue;
                }
                return typeChanged;
            }
            bytesSent += written.bytesSent();
            final SourceFile after = paths.stat(sourcePath);
            if (after == null) {
                paths.deleteQuietly(temp.path);
                return ReplicationOutcome.noop(targetPath, "Source " + sourcePath + " was deleted during the copy; nothing committed")
                        .afterAttempts(attempt, bytesSent);
            }
            if (!before.sameVersion(after) || !paths.isClosed(after)) {
                LOGGER.debug("Source {} changed during copy attempt {} ({} -> {})", sourcePath, attempt, before.describeVersion(), after.describeVersion());
                paths.deleteQuietly(temp.path);
                temp.forget();
                continue;
            }
            final CopyCommitter.Result commit = commit(temp, targetPath, before, finalState, keepRunning);
            if (commit.decision() == null) {
                // the source moved on or the temp vanished under a reconcile: copy again from a fresh look
                temp.forget();
                continue;
            }
            if (commit.decision() != CopyDecision.COPY) {
                return decided(commit.decision(), commit.source(), targetPath, typeChange).withDetailAppended(" (found when committing)")
                        .afterAttempts(attempt, bytesSent);
            }
            // committed: the temp is the final file now
            temp.forget();
            final SourceFile now = paths.stat(before.path());
            metadataApplier.applyAccessAfterCommit(targetPath, before, now);
            final ReplicationOutcome copied = ReplicationOutcome.copied(targetPath, bytesSent, written.resumedFrom(), "Copied " + before.length()
                    + " bytes (" + before.describeVersion() + ")" + (written.resumedFrom() > 0 ? ", resumed from byte " + written.resumedFrom() : ""))
                    .afterAttempts(attempt, 0);
            // read after the commit: a source still there has no vanished parent to prune
            return now != null ? copied.withSourceSeenAfter() : copied;
        }
        throw new ReplicationException(ReplicationErrorCode.SOURCE_CHANGED, true, null,
                "Source " + sourcePath + " changed during each of " + settings.maxCopyAttempts() + " copy attempts; nothing committed", null);
    }

    /** A source that is gone, or still open for writing: nothing to commit. */
    private static ReplicationOutcome notCopyable(final String sourcePath, final String targetPath, final SourceFile before) {
        if (before == null) {
            return ReplicationOutcome.noop(targetPath, "Source " + sourcePath + " no longer exists; a later operation says what happened to it");
        }
        return ReplicationOutcome.openFile(targetPath, sourcePath, "Source " + sourcePath + " is still open for writing (" + before.describeVersion()
                + "); nothing committed, it is looked at again until its writer closes it");
    }

    /** The temp this attempt writes into: the reported one when it may hold a checkpoint of a big file, else a new name. */
    private void prepareTemp(final TempFile temp, final String targetPath, final long length) {
        final boolean singleChunk = writer.isSingleChunk(length);
        if (temp.path != null && singleChunk) {
            // nothing to resume in a file of one chunk
            paths.deleteQuietly(temp.path);
            temp.forget();
        }
        if (temp.path == null) {
            temp.path = tempNames.newTempPathFor(targetPath);
        }
        temp.resumable = !singleChunk;
    }

    /**
     * A write into the temp failed.
     *
     * @return the reconcile of a path above that changed type, or null when the source changed and the copy starts over
     * @throws ReplicationException the classified failure, with the temp to resume when a retry can resume it
     */
    private ReplicationOutcome writeFailed(final String sourcePath, final String targetPath, final SourceFile before, final TempFile temp,
                                           final Exception failure, final TypeChange typeChange) throws ReplicationException, IOException {
        // a read that failed because the source was replaced or deleted is a change, not a failure
        final SourceFile now = paths.stat(sourcePath);
        if (now == null || !before.sameVersion(now)) {
            LOGGER.debug("Copy of {} failed while the source changed; looking again", sourcePath, failure);
            paths.deleteQuietly(temp.path);
            temp.forget();
            return null;
        }
        final ReplicationException classified = failure instanceof ReplicationException replicationException ? replicationException
                : classifier.classify(failure, "Copying " + sourcePath + " to " + temp.path);
        final String fileAncestor = classified.getCode() == ReplicationErrorCode.TARGET_CONCURRENT_CHANGE ? fileAncestor(targetPath) : null;
        if (fileAncestor != null) {
            // the target has a file where the source now has a directory above this file: that path changed type
            paths.deleteQuietly(temp.path);
            return typeChange.reconcile(paths.pathMapper().toSourcePath(fileAncestor));
        }
        if (classified.isTransient() && !writer.isSingleChunk(before.length())) {
            throw classified.withResumableTempPath(temp.path);
        }
        paths.deleteQuietly(temp.path);
        throw classified;
    }

    private CopyCommitter.Result commit(final TempFile temp, final String targetPath, final SourceFile before, final TargetState plannedState,
                                        final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        try {
            return committer.commit(temp.client(paths.target()), temp.path, targetPath, before, plannedState, temp.disprovedEtag, keepRunning);
        } catch (final ReplicationException e) {
            // the temp holds the complete version: a big file's retry commits it without copying again, a small one is re-sent
            if (e.isTransient() && !writer.isSingleChunk(before.length())) {
                throw e.withResumableTempPath(temp.path);
            }
            paths.deleteQuietly(temp.path);
            throw e;
        }
    }

    /** The nearest target ancestor of a path that is a file, or null. */
    private String fileAncestor(final String targetPath) {
        String ancestor = targetPath;
        while (ancestor.contains("/") && !ancestor.equals(paths.pathMapper().getTargetRoot())) {
            ancestor = ancestor.substring(0, ancestor.lastIndexOf('/'));
            final TargetState state = paths.targetState(ancestor);
            if (state.exists()) {
                return state.directory() ? null : ancestor;
            }
        }
        return null;
    }

    /** The outcome of a decision other than COPY, made at the first look or at commit. */
    private ReplicationOutcome decided(final CopyDecision decision, final SourceFile source, final String targetPath, final TypeChange typeChange)
            throws ReplicationException, IOException {
        return switch (decision) {
            case SKIP_SAME_VERSION -> {
                // owner, group, ACL and bits again: a first attempt may have failed between its commit and applying them
                metadataApplier.applyAccess(paths.target().getFileClient(targetPath), source);
                yield ReplicationOutcome.skipped(targetPath, "Target already holds this source version (" + source.describeVersion() + ")");
            }
            case FAIL_TARGET_EXISTS -> throw new ReplicationException(ReplicationErrorCode.TARGET_EXISTS,
                    "Target " + targetPath + " holds a file replication did not write, and the Existing Target Policy is fail", null);
            case RECONCILE_TYPE_CHANGE -> typeChange.reconcile(source.path());
            case COPY -> throw new IllegalStateException("COPY is not a final decision for " + targetPath);
        };
    }
}
