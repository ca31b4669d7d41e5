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
 * Writes one source version into a temp file next to its final path (DESIGN §2 rule 2): a small file in one append, a
 * big one in parallel chunks, resumed from the checkpoint of a temp that holds a prefix of this very version; flushed
 * once with the whole file's MD5, its complete source version recorded on it. Committing is {@link CopyCommitter}'s.
 */
final class TempFileWriter {
    private static final Logger LOGGER = LoggerFactory.getLogger(TempFileWriter.class);

    /** The bytes of one attempt in the temp file, flushed with Content-MD5 and the complete source version. */
    record Written(long bytesSent, long resumedFrom) {
    }

    private final ReplicationPaths paths;
    private final ReplicatorSettings settings;
    private final ReplicationErrorClassifier classifier;
    private final ChunkedCopier copier;
    private final BandwidthThrottle throttle;

    TempFileWriter(final ReplicationPaths paths, final ReplicatorSettings settings, final ReplicationErrorClassifier classifier,
                   final ChunkedCopier copier, final BandwidthThrottle throttle) {
        this.paths = paths;
        this.settings = settings;
        this.classifier = classifier;
        this.copier = copier;
        this.throttle = throttle;
    }

    /** Whether a file of this length is sent in one append, so a temp of it holds no checkpoint worth resuming. */
    boolean isSingleChunk(final long length) {
        return copier.getPlanner().isSingleChunk(length);
    }

    /** @param temp the client of the temp at {@code tempPath} */
    Written write(final SourceFile sourceFile, final DataLakeFileClient temp, final String tempPath, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        if (isSingleChunk(sourceFile.length())) {
            return writeSmallFile(sourceFile, temp, tempPath);
        }
        final TargetState tempState = paths.targetState(tempPath);
        if (isCompleteTemp(tempState, sourceFile)) {
            return new Written(0, sourceFile.length());
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
                create(temp, sourceFile, ReplicationMetadata.partial(sourceFile));
            }
            final long sent = copier.copy(chunkSource, new DataLakeTempFile(temp, settings.appendMd5()), resumeFrom, sourceFile.length(),
                    digests, keepRunning);
            flushComplete(temp, tempPath, sourceFile.length(), digests.finishMd5());
            temp.setMetadataWithResponse(ReplicationMetadata.complete(sourceFile, digests.getCrc32c(), settings.metadataPreservation().times()),
                    null, null, Context.NONE);
            return new Written(sent, resumeFrom);
        } catch (final RuntimeException e) {
            throw classifier.classify(e, "Copying " + sourceFile.path() + " to " + tempPath);
        } finally {
            input.close();
        }
    }

    /** A file of at most one chunk: read first, so the temp is created with its complete metadata, then one append and one flush. */
    private Written writeSmallFile(final SourceFile sourceFile, final DataLakeFileClient temp, final String tempPath)
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
            create(temp, sourceFile, ReplicationMetadata.complete(sourceFile, digests.getCrc32c(), settings.metadataPreservation().times()));
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
        return new Written(length, 0);
    }

    /** A temp name is this attempt's alone: created only where nothing is, so no other writer's bytes are ever taken over. */
    private void create(final DataLakeFileClient temp, final SourceFile sourceFile, final Map<String, String> metadata) {
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
}
