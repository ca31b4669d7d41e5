package io.nififusion.core.copy;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DownloadRetryOptions;
import com.azure.storage.file.datalake.models.FileRange;
import com.azure.storage.file.datalake.models.PathAccessControl;
import com.azure.storage.file.datalake.models.PathHttpHeaders;
import com.azure.storage.file.datalake.options.DataLakeFileFlushOptions;
import com.azure.storage.file.datalake.options.DataLakePathCreateOptions;
import io.nififusion.core.target.TargetVersion;
import io.nififusion.core.trash.TrashLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Saves the version a live target file holds into a new trash batch before a commit replaces it, without moving it:
 * readers of the live path keep seeing it until the commit. Its bytes are read back in ranged reads conditional on
 * the entity tag the commit will be conditional on (If-Match), with the copier's chunking, into a hidden temp inside
 * the batch, flushed with Content-MD5 and the metadata recorded on the live file (source version, CRC32C, which the
 * restore proves against) and its access control; then the temp is renamed into place in the batch, and only then is
 * the batch marked as holding a version of the path. A save interrupted mid-way leaves an unmarked batch, which no
 * restore lists and the purge removes by its age like any other.
 */
final class ReplacedVersionSaver {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReplacedVersionSaver.class);
    /** Times the SDK resumes a ranged read whose response broke off, from where it broke, under the same If-Match. */
    private static final int DOWNLOAD_RETRIES = 3;
    /** What the service reports as the owner or group of a path created with the account key; not a principal to set. */
    private static final String SUPERUSER = "$superuser";

    /**
     * A version saved into a batch.
     *
     * @param savedPath where it is in the trash, relative to the filesystem
     * @param version the source version recorded on it
     */
    record SavedVersion(String savedPath, TargetVersion version) {
    }

    private final ReplicationPaths paths;
    private final ReplicationErrorClassifier classifier;
    private final ChunkedCopier copier;
    private final TempPathNames tempNames;
    private final boolean appendMd5;
    private final Clock clock;

    /** @param copier chunks the bytes like a copy, without checkpoints: a save that fails starts over in a new batch */
    ReplacedVersionSaver(final ReplicationPaths paths, final ReplicationErrorClassifier classifier, final ChunkedCopier copier,
                         final TempPathNames tempNames, final boolean appendMd5, final Clock clock) {
        this.paths = paths;
        this.classifier = classifier;
        this.copier = copier;
        this.tempNames = tempNames;
        this.appendMd5 = appendMd5;
        this.clock = clock;
    }

    /**
     * @param livePath the live file about to be replaced, relative to the filesystem
     * @param live its state when the commit was planned: the entity tag every read of it is conditional on
     * @return the saved version, or null when the live file no longer has that entity tag (the commit, conditional on
     *     it too, then fails and looks again)
     * @throws ReplicationException the target failed while saving: nothing was committed, the live file is as it was
     */
    SavedVersion save(final String livePath, final TargetState live, final BooleanSupplier keepRunning) throws ReplicationException {
        final TrashLayout layout = paths.trash();
        // the moment the overwrite reaches the target: the version was current until now, like a deleted one until its move
        final String batch = TrashLayout.newBatchName(clock.instant());
        final String batchPath = layout.batchPath(batch);
        final String savedPath = layout.trashPathFor(batch, livePath);
        final String tempPath = tempNames.newTempPathFor(savedPath);
        try {
            paths.target().getDirectoryClient(batchPath).createWithResponse(new DataLakePathCreateOptions()
                    .setRequestConditions(new DataLakeRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
            final String parent = savedPath.substring(0, savedPath.lastIndexOf('/'));
            if (!parent.equals(batchPath)) {
                paths.target().getDirectoryClient(parent).createIfNotExists();
            }
            writeCopy(livePath, live, tempPath, keepRunning);
            paths.target().getFileClient(tempPath).renameWithResponse(null, savedPath, null, new DataLakeRequestConditions().setIfNoneMatch("*"),
                    null, Context.NONE);
            paths.target().getDirectoryClient(batchPath).setMetadata(layout.batchMarker(livePath, TrashLayout.REPLACED));
            LOGGER.debug("Saved the version of {} about to be replaced ({} bytes) as {}", livePath, live.length(), savedPath);
            return new SavedVersion(savedPath, live.version());
        } catch (final ReplicationException | RuntimeException e) {
            discardQuietly(batchPath);
            if (changedSince(livePath, live)) {
                // replaced or removed meanwhile (a read refused with 412 or 404): the commit finds out and decides afresh
                LOGGER.debug("The version of {} changed while it was being saved; not kept", livePath, e);
                return null;
            }
            throw e instanceof ReplicationException replicationException ? replicationException
                    : classifier.classify(e, "Saving the version of " + livePath + " about to be replaced into " + batchPath);
        }
    }

    private void writeCopy(final String livePath, final TargetState live, final String tempPath, final BooleanSupplier keepRunning)
            throws ReplicationException {
        final DataLakeFileClient liveFile = paths.target().getFileClient(livePath);
        final DataLakeRequestConditions sameVersion = new DataLakeRequestConditions().setIfMatch(live.etag());
        final DataLakeFileClient temp = paths.target().getFileClient(tempPath);
        final Map<String, String> partial = new LinkedHashMap<>(live.metadata());
        partial.put(ReplicationMetadata.COPY_STATE_KEY, ReplicationMetadata.PARTIAL);
        temp.createWithResponse(new DataLakePathCreateOptions().setMetadata(partial)
                .setRequestConditions(new DataLakeRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
        final FileDigests digests = new FileDigests();
        final ChunkSource ranges = (position, buffer, offset, length) -> {
            final RegionOutputStream region = new RegionOutputStream(buffer, offset, length);
            liveFile.readWithResponse(region, new FileRange(position, (long) length), new DownloadRetryOptions().setMaxRetryRequests(DOWNLOAD_RETRIES),
                    sameVersion, false, null, Context.NONE);
            if (region.written() != length) {
                throw new IOException("Read " + region.written() + " of " + length + " bytes at " + position + " of " + livePath);
            }
        };
        copier.copy(ranges, new DataLakeTempFile(temp, appendMd5), 0, live.length(), digests, keepRunning);
        temp.flushWithResponse(live.length(), new DataLakeFileFlushOptions().setClose(true).setUncommittedDataRetained(false)
                .setPathHttpHeaders(new PathHttpHeaders().setContentMd5(digests.finishMd5())), null, Context.NONE);
        final PathAccessControl access = liveFile.getAccessControlWithResponse(false, sameVersion, null, Context.NONE).getValue();
        final PathAccessControl created = temp.getAccessControl();
        // only a super-user may change an owner: a principal is named only where it differs from the temp's own
        temp.setAccessControlList(access.getAccessControlList(), changed(access.getGroup(), created.getGroup()),
                changed(access.getOwner(), created.getOwner()));
        temp.setMetadata(live.metadata());
    }

    /** Whether the live file has another entity tag now; a look that fails leaves the save's own failure to report. */
    private boolean changedSince(final String livePath, final TargetState live) {
        try {
            return !live.etag().equals(paths.targetState(livePath).etag());
        } catch (final RuntimeException e) {
            return false;
        }
    }

    /** The principal to set, or null to leave the temp's: unchanged, unknown, or the super-user the service names. */
    private static String changed(final String wanted, final String current) {
        return wanted == null || SUPERUSER.equals(wanted) || wanted.equals(current) ? null : wanted;
    }

    private void discardQuietly(final String batchPath) {
        try {
            paths.target().getDirectoryClient(batchPath).deleteRecursivelyWithResponse(null, null, Context.NONE);
        } catch (final RuntimeException e) {
            LOGGER.debug("Could not remove the unfinished trash batch {}; the purge removes it", batchPath, e);
        }
    }

    /** Receives one ranged read into its place in a chunk buffer, refusing more bytes than asked for. */
    private static final class RegionOutputStream extends OutputStream {
        private final byte[] buffer;
        private final int end;
        private int position;
        private final int start;

        private RegionOutputStream(final byte[] buffer, final int offset, final int length) {
            this.buffer = buffer;
            this.start = offset;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public void write(final int value) throws IOException {
            write(new byte[]{(byte) value}, 0, 1);
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int length) throws IOException {
            if (length > end - position) {
                throw new IOException("The target sent more bytes than the range asked for");
            }
            System.arraycopy(bytes, offset, buffer, position, length);
            position += length;
        }

        private int written() {
            return position - start;
        }
    }
}
