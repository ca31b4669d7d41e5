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
 * COPY of one file (DESIGN §2 rules 2 and 3): plan against the target's recorded version, stream into the hidden temp
 * file (resuming a checkpointed one), flush once with Content-MD5, re-check the source, and commit by a conditional
 * rename that never replaces a newer version.
 */
final class FileCopier {
    private static final Logger LOGGER = LoggerFactory.getLogger(FileCopier.class);
    private static final int MAX_COMMIT_ROUNDS = 3;

    /** What a COPY does when the source path turns out to be a directory. */
    @FunctionalInterface
    interface DirectoryCopy {
        ReplicationOutcome mkdir(String sourcePath) throws ReplicationException, IOException;
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

    /** Copies the current source file, or skips or does nothing when the state says so. */
    ReplicationOutcome copy(final String sourcePath, final BooleanSupplier keepRunning, final DirectoryCopy directoryCopy)
            throws ReplicationException, IOException {
        final String targetPath = paths.toTargetPath(sourcePath);
        final String tempPath = tempNames.tempPathFor(targetPath);
        long bytesSent = 0;
        for (int attempt = 1; attempt <= settings.maxCopyAttempts(); attempt++) {
            final SourceFile before = paths.stat(sourcePath);
            if (before == null) {
                paths.deleteQuietly(tempPath);
                return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, bytesSent, 0, 0, attempt, bytesSent > 0,
                        "Source " + sourcePath + " no longer exists; a later operation says what happened to it");
            }
            if (before.directory()) {
                return directoryCopy.mkdir(sourcePath);
            }
            final TargetState finalState = paths.targetState(targetPath);
            final CopyDecision decision = planner.decide(before, finalState);
            if (decision != CopyDecision.COPY) {
                return decided(decision, before, targetPath, bytesSent, attempt);
            }
            final TempCopy copied;
            try {
                copied = copyToTemp(before, tempPath, keepRunning);
            } catch (final ReplicationException | IOException e) {
                // a read that failed because the source was replaced or deleted is a change, not a failure
                final SourceFile now = paths.stat(sourcePath);
                if (now == null || !before.sameVersion(now)) {
                    LOGGER.debug("Copy of {} failed while the source changed; looking again", sourcePath, e);
                    continue;
                }
                throw e instanceof ReplicationException replicationException ? replicationException
                        : classifier.classify(e, "Copying " + sourcePath + " to " + tempPath);
            }
            bytesSent += copied.bytesSent();
            final SourceFile after = paths.stat(sourcePath);
            if (after == null) {
                paths.deleteQuietly(tempPath);
                return new ReplicationOutcome(ReplicationResult.NOOP, targetPath, bytesSent, 0, 0, attempt, bytesSent > 0,
                        "Source " + sourcePath + " was deleted during the copy; nothing committed");
            }
            if (!before.sameVersion(after)) {
                LOGGER.debug("Source {} changed during copy attempt {} ({} -> {})", sourcePath, attempt, before.describeVersion(), after.describeVersion());
                continue;
            }
            final CopyDecision committed = commit(paths.target().getFileClient(tempPath), tempPath, targetPath, before, finalState);
            if (committed != CopyDecision.COPY) {
                final ReplicationOutcome superseded = decided(committed, before, targetPath, bytesSent, attempt);
                return new ReplicationOutcome(superseded.result(), targetPath, bytesSent, 0, 0, attempt, bytesSent > 0,
                        superseded.detail() + " (found when committing)");
            }
            metadataApplier.applyOwnershipAndAcl(paths.target().getFileClient(targetPath), before);
            return new ReplicationOutcome(ReplicationResult.COPIED, targetPath, bytesSent, 0, copied.resumedFrom(), attempt, true,
                    "Copied " + before.length() + " bytes (" + before.describeVersion() + ")"
                            + (copied.resumedFrom() > 0 ? ", resumed from byte " + copied.resumedFrom() : ""));
        }
        throw new ReplicationException(ReplicationErrorCode.SOURCE_CHANGED, true, null,
                "Source " + sourcePath + " changed during each of " + settings.maxCopyAttempts() + " copy attempts; nothing committed", null);
    }

    private ReplicationOutcome decided(final CopyDecision decision, final SourceFile source, final String targetPath, final long bytesSent,
                                       final int attempt) throws ReplicationException {
        return switch (decision) {
            case SKIP_SAME_VERSION -> new ReplicationOutcome(ReplicationResult.SKIPPED, targetPath, bytesSent, 0, 0, attempt, bytesSent > 0,
                    "Target already holds this source version (" + source.describeVersion() + ")");
            case SKIP_TARGET_NEWER -> new ReplicationOutcome(ReplicationResult.SKIPPED, targetPath, bytesSent, 0, 0, attempt, bytesSent > 0,
                    "Target holds a newer source version than " + source.describeVersion() + "; a stale copy never replaces it");
            case FAIL_TARGET_EXISTS -> throw new ReplicationException(ReplicationErrorCode.TARGET_EXISTS,
                    "Target " + targetPath + " holds a file replication did not write, and the Existing Target Policy is fail", null);
            case FAIL_TARGET_IS_DIRECTORY -> throw new ReplicationException(ReplicationErrorCode.TARGET_TYPE_CONFLICT,
                    "Target " + targetPath + " is a directory but source " + source.path() + " is a file", null);
            case COPY -> throw new IllegalStateException("COPY is not a final decision");
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
                createTemp(temp, sourceFile, ReplicationMetadata.partial(sourceFile), tempState.exists());
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
            createTemp(temp, sourceFile, ReplicationMetadata.complete(sourceFile, digests.getCrc32c(), settings.metadataPreservation().times()), true);
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

    private void createTemp(final DataLakeFileClient temp, final SourceFile sourceFile, final Map<String, String> metadata, final boolean overwrite) {
        final DataLakePathCreateOptions options = new DataLakePathCreateOptions().setMetadata(metadata);
        if (settings.metadataPreservation().permissions()) {
            options.setPermissions(AccessControlTranslator.toPathPermissions(sourceFile.status().getPermission()).toString()).setUmask("0000");
        }
        if (!overwrite) {
            // a concurrent copy of the same path that created the temp first wins; this one retries later
            options.setRequestConditions(new DataLakeRequestConditions().setIfNoneMatch("*"));
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
     * Renames the temp over the final path only if the final path is still what the plan saw (If-Match its ETag, or
     * If-None-Match * when absent); when it is not, looks again and decides again, so a newer version committed by
     * another task in between is never replaced.
     *
     * @return COPY when committed, otherwise the decision that superseded this copy
     */
    private CopyDecision commit(final DataLakeFileClient temp, final String tempPath, final String targetPath, final SourceFile sourceFile,
                                final TargetState plannedState) throws ReplicationException {
        TargetState finalState = plannedState;
        for (int round = 0; round < MAX_COMMIT_ROUNDS; round++) {
            final DataLakeRequestConditions conditions = finalState.exists()
                    ? new DataLakeRequestConditions().setIfMatch(finalState.etag())
                    : new DataLakeRequestConditions().setIfNoneMatch("*");
            try {
                temp.renameWithResponse(null, targetPath, null, conditions, null, Context.NONE);
                return CopyDecision.COPY;
            } catch (final DataLakeStorageException e) {
                if (e.getStatusCode() != 412 && e.getStatusCode() != 409) {
                    throw classifier.classify(e, "Renaming " + tempPath + " to " + targetPath);
                }
            }
            finalState = paths.targetState(targetPath);
            final CopyDecision decision = planner.decide(sourceFile, finalState);
            if (decision != CopyDecision.COPY) {
                paths.deleteQuietly(tempPath);
                return decision;
            }
        }
        throw new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE,
                "Target " + targetPath + " kept changing while committing the copy of " + sourceFile.path(), null);
    }
}
