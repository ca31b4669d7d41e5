package io.nififusion.core.copy;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.PathHttpHeaders;
import com.azure.storage.file.datalake.options.DataLakeFileAppendOptions;
import com.azure.storage.file.datalake.options.DataLakeFileFlushOptions;
import com.azure.storage.file.datalake.options.DataLakePathCreateOptions;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * COPY of one file (DESIGN §2 rules 2 to 4): decide against the target's recorded version, stream into a temp file
 * unique to the attempt (or resume the checkpointed temp a failed attempt of the same record reported), flush once
 * with Content-MD5, re-read the source, and commit by a rename conditional on the target's state seen when planning.
 * A conflict at commit re-plans from a fresh read of both sides. A file still open for writing is never committed.
 */
final class FileCopier {
    private static final Logger LOGGER = LoggerFactory.getLogger(FileCopier.class);
    private static final int MAX_COMMIT_ROUNDS = 3;

    /** What a COPY does when the path turns out to be a directory on either side: the type changed, reconcile it. */
    @FunctionalInterface
    interface TypeChange {
        ReplicationOutcome reconcile(String sourcePath) throws ReplicationException, IOException;
    }

    private final ReplicationPaths paths;
    private final ReplicatorSettings settings;
    private final ReplicationErrorClassifier classifier;
    private final ChunkedCopier copier;
    private final CopyPlanner planner;
    private final TempPathNames tempNames;
    private final MetadataApplier metadataApplier;
    private final BandwidthThrottle throttle;

    FileCopier(final ReplicationPaths paths, final ReplicatorSettings settings, final ReplicationErrorClassifier classifier, final ChunkedCopier copier,
               final MetadataApplier metadataApplier, final BandwidthThrottle throttle) {
        this.paths = paths;
        this.settings = settings;
        this.classifier = classifier;
        this.copier = copier;
        this.planner = new CopyPlanner(settings.existingTargetPolicy());
        this.tempNames = new TempPathNames(settings.tempPrefix());
        this.metadataApplier = metadataApplier;
        this.throttle = throttle;
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
        try {
            return copyAttempts(sourcePath, targetPath, temp, keepRunning, typeChange);
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
        private boolean resumable;
        /** The record says a verification disproved the target's bytes. */
        private boolean disprovedTarget;
        /** The entity tag of the disproved target file, taken at the first look. */
        private String disprovedEtag;
    }

    private ReplicationOutcome copyAttempts(final String sourcePath, final String targetPath, final TempFile temp, final BooleanSupplier keepRunning,
                                            final TypeChange typeChange) throws ReplicationException, IOException {
        long bytesSent = 0;
        for (int attempt = 1; attempt <= settings.maxCopyAttempts(); attempt++) {
            final SourceFile before = paths.stat(sourcePath);
            if (before == null) {
                paths.deleteQuietly(temp.path);
                return ReplicationOutcome.noop(targetPath, "Source " + sourcePath + " no longer exists; a later operation says what happened to it")
                        .afterAttempts(attempt, bytesSent);
            }
            if (before.directory()) {
                paths.deleteQuietly(temp.path);
                return typeChange.reconcile(sourcePath);
            }
            if (!paths.isClosed(before)) {
                paths.deleteQuietly(temp.path);
                return ReplicationOutcome.openFile(targetPath, sourcePath, "Source " + sourcePath + " is still open for writing (" + before.describeVersion()
                        + "); nothing committed, it is looked at again until its writer closes it").afterAttempts(attempt, bytesSent);
            }
            final TargetState finalState = paths.targetState(targetPath);
            if (temp.disprovedTarget && temp.disprovedEtag == null) {
                temp.disprovedEtag = finalState.etag();
            }
            final CopyDecision decision = planner.decide(before, finalState, temp.disprovedEtag);
            if (decision != CopyDecision.COPY) {
                paths.deleteQuietly(temp.path);
                return decided(decision, before, targetPath, finalState, bytesSent, attempt, typeChange);
            }
            if (temp.path != null && copier.getPlanner().isSingleChunk(before.length())) {
                // nothing to resume in a file of one chunk
                paths.deleteQuietly(temp.path);
                temp.path = null;
            }
            if (temp.path == null) {
                temp.path = tempNames.newTempPathFor(targetPath);
            }
            temp.resumable = !copier.getPlanner().isSingleChunk(before.length());
            final TempCopy copied;
            try {
                copied = copyToTemp(before, temp.path, keepRunning);
            } catch (final ReplicationException | IOException e) {
                // a read that failed because the source was replaced or deleted is a change, not a failure
                final SourceFile now = paths.stat(sourcePath);
                if (now == null || !before.sameVersion(now)) {
                    LOGGER.debug("Copy of {} failed while the source changed; looking again", sourcePath, e);
                    paths.deleteQuietly(temp.path);
                    temp.path = null;
                    continue;
                }
                final ReplicationException classified = e instanceof ReplicationException replicationException ? replicationException
                        : classifier.classify(e, "Copying " + sourcePath + " to " + temp.path);
                final String fileAncestor = classified.getCode() == ReplicationErrorCode.TARGET_CONCURRENT_CHANGE ? fileAncestor(targetPath) : null;
                if (fileAncestor != null) {
                    // the target has a file where the source now has a directory above this file: that path changed type
                    paths.deleteQuietly(temp.path);
                    return typeChange.reconcile(paths.pathMapper().toSourcePath(fileAncestor));
                }
                if (classified.isTransient() && !copier.getPlanner().isSingleChunk(before.length())) {
                    throw classified.withResumableTempPath(temp.path);
                }
                paths.deleteQuietly(temp.path);
                throw classified;
            }
            bytesSent += copied.bytesSent();
            final SourceFile after = paths.stat(sourcePath);
            if (after == null) {
                paths.deleteQuietly(temp.path);
                return ReplicationOutcome.noop(targetPath, "Source " + sourcePath + " was deleted during the copy; nothing committed")
                        .afterAttempts(attempt, bytesSent);
            }
            if (!before.sameVersion(after) || !paths.isClosed(after)) {
                LOGGER.debug("Source {} changed during copy attempt {} ({} -> {})", sourcePath, attempt, before.describeVersion(), after.describeVersion());
                paths.deleteQuietly(temp.path);
                temp.path = null;
                continue;
            }
            final CommitResult commit;
            try {
                commit = commit(temp.path, targetPath, before, finalState, temp.disprovedEtag);
            } catch (final ReplicationException e) {
                // the temp holds the complete version: a big file's retry commits it without copying again, a small one is re-sent
                if (e.isTransient() && !copier.getPlanner().isSingleChunk(before.length())) {
                    throw e.withResumableTempPath(temp.path);
                }
                paths.deleteQuietly(temp.path);
                throw e;
            }
            if (commit.decision() == null) {
                // the source moved on or the temp vanished under a reconcile: copy again from a fresh look
                temp.path = null;
                continue;
            }
            if (commit.decision() != CopyDecision.COPY) {
                return decided(commit.decision(), commit.source(), targetPath, commit.target(), 0, 1, typeChange)
                        .withDetailAppended(" (found when committing)").afterAttempts(attempt, bytesSent);
            }
            // committed: the temp is the final file now
            temp.path = null;
            applyAccessAfterCommit(targetPath, before);
            return ReplicationOutcome.copied(targetPath, bytesSent, copied.resumedFrom(), "Copied " + before.length() + " bytes (" + before.describeVersion() + ")"
                            + (copied.resumedFrom() > 0 ? ", resumed from byte " + copied.resumedFrom() : "")).afterAttempts(attempt, 0);
        }
        throw new ReplicationException(ReplicationErrorCode.SOURCE_CHANGED, true, null,
                "Source " + sourcePath + " changed during each of " + settings.maxCopyAttempts() + " copy attempts; nothing committed", null);
    }

    /**
     * The temp was created with the permissions the source had when the copy began; a chmod or setfacl changes no
     * version (length, modification time, inode), so the commit does not see it. The source is read again: when its
     * access changed meanwhile, the committed file gets the access it has now.
     */
    private void applyAccessAfterCommit(final String targetPath, final SourceFile before) throws IOException {
        final SourceFile now = paths.stat(before.path());
        final DataLakeFileClient client = paths.target().getFileClient(targetPath);
        if (now != null && before.sameVersion(now) && !sameAccess(before, now)) {
            metadataApplier.applyAccess(client, now);
        } else {
            metadataApplier.applyOwnershipAndAcl(client, before);
        }
    }

    private static boolean sameAccess(final SourceFile before, final SourceFile now) {
        return before.status().getPermission().equals(now.status().getPermission()) && before.status().hasAcl() == now.status().hasAcl()
                && java.util.Objects.equals(before.status().getOwner(), now.status().getOwner())
                && java.util.Objects.equals(before.status().getGroup(), now.status().getGroup());
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

    private ReplicationOutcome decided(final CopyDecision decision, final SourceFile source, final String targetPath, final TargetState targetState,
                                       final long bytesSent, final int attempt, final TypeChange typeChange) throws ReplicationException, IOException {
        return switch (decision) {
            case SKIP_SAME_VERSION -> {
                // owner, group, ACL and bits again: a first attempt may have failed between its commit and applying them
                metadataApplier.applyAccess(paths.target().getFileClient(targetPath), source);
                yield ReplicationOutcome.skipped(targetPath, "Target already holds this source version (" + source.describeVersion() + ")")
                        .afterAttempts(attempt, bytesSent);
            }
            case FAIL_TARGET_EXISTS -> throw new ReplicationException(ReplicationErrorCode.TARGET_EXISTS,
                    "Target " + targetPath + " holds a file replication did not write, and the Existing Target Policy is fail", null);
            case RECONCILE_TYPE_CHANGE -> typeChange.reconcile(source.path());
            case COPY -> throw new IllegalStateException("COPY is not a final decision for " + targetState);
        };
    }

    /** The bytes of one attempt in the temp file, flushed with Content-MD5 and the complete source version. */
    private record TempCopy(long bytesSent, long resumedFrom) {
    }

    private TempCopy copyToTemp(final SourceFile sourceFile, final String tempPath, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        final DataLakeFileClient temp = paths.target().getFileClient(tempPath);
        if (copier.getPlanner().isSingleChunk(sourceFile.length())) {
            return copySmallFile(sourceFile, temp, tempPath);
        }
        final TargetState tempState = paths.targetState(tempPath);
        if (isCompleteTemp(tempState, sourceFile)) {
            return new TempCopy(0, sourceFile.length());
        }
        final long resumeFrom = resumableLength(tempState, sourceFile);
        final FSDataInputStream input = paths.source().execute(fileSystem -> fileSystem.open(new Path(sourceFile.path())));
        try {
            final ChunkSource chunkSource = (position, buffer, offset, length) -> paths.source().execute(fileSystem -> {
                input.readFully(position, buffer, offset, length);
                return null;
            });
            final FileDigests digests = new FileDigests();
            if (resumeFrom > 0) {
                LOGGER.debug("Resuming copy of {} from committed byte {} of {}", sourceFile.path(), resumeFrom, tempPath);
                copier.digestPrefix(chunkSource, resumeFrom, digests, keepRunning);
            } else {
                if (tempState.exists()) {
                    // a reported temp of another source version: this attempt starts over in it
                    paths.deleteQuietly(tempPath);
                }
                createTemp(temp, sourceFile, ReplicationMetadata.partial(sourceFile));
            }
            final long sent = copier.copy(chunkSource, new DataLakeTempFile(temp, settings.appendMd5()), resumeFrom, sourceFile.length(),
                    digests, keepRunning);
            flushComplete(temp, tempPath, sourceFile.length(), digests.finishMd5());
            temp.setMetadataWithResponse(ReplicationMetadata.complete(sourceFile, digests.getCrc32c(), settings.metadataPreservation().times()),
                    null, null, Context.NONE);
            return new TempCopy(sent, resumeFrom);
        } catch (final RuntimeException e) {
            throw classifier.classify(e, "Copying " + sourceFile.path() + " to " + tempPath);
        } finally {
            input.close();
        }
    }

    /** A file of at most one chunk: read first, so the temp is created with its complete metadata, then one append and one flush. */
    private TempCopy copySmallFile(final SourceFile sourceFile, final DataLakeFileClient temp, final String tempPath)
            throws ReplicationException, IOException {
        final int length = (int) sourceFile.length();
        final byte[] bytes = new byte[length];
        try {
            throttle.acquire(length);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException(ReplicationErrorCode.INTERRUPTED, "Interrupted while waiting for bandwidth", e);
        }
        if (length > 0) {
            paths.source().execute(fileSystem -> {
                try (FSDataInputStream input = fileSystem.open(new Path(sourceFile.path()))) {
                    input.readFully(0, bytes, 0, length);
                }
                return null;
            });
        }
        final FileDigests digests = new FileDigests();
        digests.update(bytes, 0, length);
        try {
            createTemp(temp, sourceFile, ReplicationMetadata.complete(sourceFile, digests.getCrc32c(), settings.metadataPreservation().times()));
            if (length > 0) {
                final DataLakeFileAppendOptions options = new DataLakeFileAppendOptions();
                if (settings.appendMd5()) {
                    options.setContentHash(FileDigests.md5Of(bytes, 0, length));
                }
                temp.appendWithResponse(BinaryData.fromByteBuffer(ByteBuffer.wrap(bytes)), 0, options, null, Context.NONE);
            }
            flushComplete(temp, tempPath, length, digests.finishMd5());
        } catch (final RuntimeException e) {
            throw classifier.classify(e, "Copying " + sourceFile.path() + " to " + tempPath);
        }
        return new TempCopy(length, 0);
    }

    /** A temp name is this attempt's alone: created only where nothing is, so no other writer's bytes are ever taken over. */
    private void createTemp(final DataLakeFileClient temp, final SourceFile sourceFile, final Map<String, String> metadata) {
        final DataLakePathCreateOptions options = new DataLakePathCreateOptions().setMetadata(metadata)
                .setRequestConditions(new DataLakeRequestConditions().setIfNoneMatch("*"));
        if (settings.metadataPreservation().permissions()) {
            options.setPermissions(AccessControlTranslator.toPathPermissions(sourceFile.status().getPermission()).toString()).setUmask("0000");
        }
        temp.createWithResponse(options, null, Context.NONE);
    }

    /** The one flush that commits all bytes, with the whole file's MD5; a mismatch deletes the temp so the retry starts clean. */
    private void flushComplete(final DataLakeFileClient temp, final String tempPath, final long length, final byte[] md5) throws ReplicationException {
        try {
            temp.flushWithResponse(length, new DataLakeFileFlushOptions().setClose(true).setUncommittedDataRetained(false)
                    .setPathHttpHeaders(new PathHttpHeaders().setContentMd5(md5)), null, Context.NONE);
        } catch (final DataLakeStorageException e) {
            final ReplicationException classified = classifier.classify(e, "Flushing " + tempPath);
            if (classified.getCode() == ReplicationErrorCode.CHECKSUM_MISMATCH) {
                paths.deleteQuietly(tempPath);
            }
            throw classified;
        }
    }

    private static boolean isCompleteTemp(final TargetState tempState, final SourceFile sourceFile) {
        final TargetVersion version = tempState.version();
        return tempState.exists() && !tempState.directory() && version != null && version.crc32c() != null
                && !ReplicationMetadata.isPartial(tempState.metadata())
                && version.sameSourceVersion(sourceFile.length(), sourceFile.modificationTime(), sourceFile.fileId())
                && tempState.length() == sourceFile.length();
    }

    /** The committed length of a checkpointed temp of this very source version, or 0 to start over. */
    private static long resumableLength(final TargetState tempState, final SourceFile sourceFile) {
        final TargetVersion version = tempState.version();
        if (!tempState.exists() || tempState.directory() || version == null || !ReplicationMetadata.isPartial(tempState.metadata())) {
            return 0;
        }
        if (!version.sameSourceVersion(sourceFile.length(), sourceFile.modificationTime(), sourceFile.fileId())
                || tempState.length() >= sourceFile.length()) {
            return 0;
        }
        return tempState.length();
    }

    /**
     * The outcome of a commit: {@code COPY} when committed, another decision (with the fresh states it was made on)
     * when a fresh look superseded the copy, or a null decision when the copy must be made again.
     */
    private record CommitResult(CopyDecision decision, SourceFile source, TargetState target) {
    }

    /**
     * Renames the temp over the final path only if the final path is still what the plan saw (If-Match its ETag, or
     * If-None-Match * when absent). When it is not, both sides are read afresh and decided again: a rival commit of the
     * same source version makes this copy unnecessary, a changed source makes it stale, and anything else commits over
     * the rival under the new condition.
     */
    private CommitResult commit(final String tempPath, final String targetPath, final SourceFile sourceFile, final TargetState plannedState,
                                final String disprovedEtag)
            throws ReplicationException, IOException {
        TargetState finalState = plannedState;
        for (int round = 0; round < MAX_COMMIT_ROUNDS; round++) {
            final DataLakeRequestConditions conditions = finalState.exists()
                    ? new DataLakeRequestConditions().setIfMatch(finalState.etag())
                    : new DataLakeRequestConditions().setIfNoneMatch("*");
            final int status;
            try {
                paths.target().getFileClient(tempPath).renameWithResponse(null, targetPath, null, conditions, null, Context.NONE);
                return new CommitResult(CopyDecision.COPY, sourceFile, finalState);
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
                return new CommitResult(null, freshSource, finalState);
            }
            final CopyDecision decision = planner.decide(freshSource, finalState, disprovedEtag);
            if (decision != CopyDecision.COPY) {
                paths.deleteQuietly(tempPath);
                return new CommitResult(decision, freshSource, finalState);
            }
            if (status == 404 && !paths.targetState(tempPath).exists()) {
                // the temp is gone (a reconcile removed it, or a lost answer hid our own rename that a rival then replaced)
                return new CommitResult(null, freshSource, finalState);
            }
        }
        throw new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE,
                "Target " + targetPath + " kept changing while committing the copy of " + sourceFile.path(), null);
    }
}
