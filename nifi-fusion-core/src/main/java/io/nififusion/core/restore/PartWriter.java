package io.nififusion.core.restore;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.DownloadRetryOptions;
import com.azure.storage.file.datalake.models.FileRange;
import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.copy.ReplicationErrorClassifier;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.hdfs.SourceAccess;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

/**
 * Writes one part of a restored file: a ranged read of the target version (If-Match its ETag, so every part comes from
 * the same version) streamed into a new hidden HDFS file, closed, then marked with an extended attribute naming the
 * version, the range and the part's CRC32C. A part so marked is finished: a retry of a stopped restore keeps it
 * without reading it again, and its CRC32C joins the others' into the whole file's.
 */
final class PartWriter {
    /** {@code <etag>|<offset>|<length>|<crc32c>} of a finished part. */
    static final String PART_XATTR = "user.fusion.restore.part";
    /** Times the SDK resumes a ranged read whose response broke off, from where it broke, under the same If-Match. */
    private static final int DOWNLOAD_RETRIES = 3;

    /** A finished part. */
    record WrittenPart(RestorePart part, long crc32c, boolean resumed) {
    }

    /** The target version changed under the restore (HTTP 412 on a conditional read). */
    static final class VersionChanged extends Exception {
        VersionChanged(final Throwable cause) {
            super(cause);
        }
    }

    private final SourceAccess hdfs;
    private final DataLakeFileSystemClient target;
    private final ReplicationErrorClassifier classifier;

    PartWriter(final SourceAccess hdfs, final DataLakeFileSystemClient target, final ReplicationErrorClassifier classifier) {
        this.hdfs = hdfs;
        this.target = target;
        this.classifier = classifier;
    }

    /** A part an earlier attempt finished for this very version and range, or null. */
    WrittenPart finished(final Path partPath, final RestorePart part, final String etag) throws IOException {
        return hdfs.execute(fileSystem -> {
            final FileStatus status;
            try {
                status = fileSystem.getFileStatus(partPath);
            } catch (final FileNotFoundException e) {
                return null;
            }
            if (status.isDirectory() || status.getLen() != part.length()) {
                return null;
            }
            final Map<String, byte[]> attributes = fileSystem.getXAttrs(partPath);
            final byte[] marker = attributes == null ? null : attributes.get(PART_XATTR);
            if (marker == null) {
                return null;
            }
            final String[] fields = new String(marker, StandardCharsets.UTF_8).split("\\|");
            if (fields.length != 4 || !fields[0].equals(etag) || !fields[1].equals(Long.toString(part.offset()))
                    || !fields[2].equals(Long.toString(part.length()))) {
                return null;
            }
            try {
                return new WrittenPart(part, Crc32cFormat.parse(fields[3]), true);
            } catch (final IllegalArgumentException e) {
                return null;
            }
        });
    }

    WrittenPart write(final String targetPath, final String etag, final Path partPath, final RestorePart part, final BooleanSupplier keepRunning)
            throws ReplicationException, VersionChanged, IOException {
        // overwriting: what an unfinished earlier attempt left at this part's name goes in the same NameNode call
        final FSDataOutputStream output = hdfs.execute(fileSystem -> fileSystem.create(partPath, true));
        final GuardedStream guarded = new GuardedStream(output, keepRunning);
        try {
            if (part.length() > 0) {
                target.getFileClient(targetPath).readWithResponse(guarded, new FileRange(part.offset(), part.length()),
                        new DownloadRetryOptions().setMaxRetryRequests(DOWNLOAD_RETRIES), new DataLakeRequestConditions().setIfMatch(etag), false,
                        null, Context.NONE);
            }
            hdfs.execute(fileSystem -> {
                output.close();
                return null;
            });
        } catch (final DataLakeStorageException e) {
            abandon(output, partPath);
            if (e.getStatusCode() == 412) {
                throw new VersionChanged(e);
            }
            throw classifier.classify(e, "Reading bytes " + part.offset() + "-" + part.end() + " of " + targetPath);
        } catch (final IOException | RuntimeException e) {
            abandon(output, partPath);
            if (guarded.writeFailure != null) {
                throw new ReplicationException(ReplicationErrorCode.SOURCE_UNAVAILABLE, "Writing part " + partPath + " to HDFS failed: "
                        + guarded.writeFailure.getMessage(), guarded.writeFailure);
            }
            if (guarded.stopped) {
                throw new ReplicationException(ReplicationErrorCode.INTERRUPTED, "Restore stopped because the processor is no longer scheduled", e);
            }
            throw classifier.classify(e, "Restoring bytes " + part.offset() + "-" + part.end() + " of " + targetPath + " to " + partPath);
        }
        if (guarded.count != part.length()) {
            hdfs.execute(fileSystem -> fileSystem.delete(partPath, false));
            throw new ReplicationException(ReplicationErrorCode.TARGET_CONNECTION_FAILED, "The target sent " + guarded.count + " of the "
                    + part.length() + " bytes of " + targetPath + " at " + part.offset(), null);
        }
        final long crc32c = guarded.crc.getValue();
        hdfs.execute(fileSystem -> {
            fileSystem.setXAttr(partPath, PART_XATTR, (etag + "|" + part.offset() + "|" + part.length() + "|" + Crc32cFormat.format(crc32c))
                    .getBytes(StandardCharsets.UTF_8));
            return null;
        });
        return new WrittenPart(part, crc32c, false);
    }

    private void abandon(final FSDataOutputStream output, final Path partPath) {
        try {
            hdfs.execute(fileSystem -> {
                try {
                    output.close();
                } catch (final IOException ignored) {
                    // the part goes anyway
                }
                return fileSystem.delete(partPath, false);
            });
        } catch (final IOException ignored) {
            // a hidden part left behind is never read as a finished one: it has no marker
        }
    }

    /** Counts and checksums the bytes on their way to HDFS, stops them when the processor stops, and tells HDFS failures apart. */
    private static final class GuardedStream extends OutputStream {
        private final OutputStream output;
        private final BooleanSupplier keepRunning;
        private final CRC32C crc = new CRC32C();
        private long count;
        private boolean stopped;
        private IOException writeFailure;

        GuardedStream(final OutputStream output, final BooleanSupplier keepRunning) {
            this.output = output;
            this.keepRunning = keepRunning;
        }

        @Override
        public void write(final int value) throws IOException {
            write(new byte[] {(byte) value}, 0, 1);
        }

        @Override
        public void write(final byte[] buffer, final int offset, final int length) throws IOException {
            if (!keepRunning.getAsBoolean()) {
                stopped = true;
                throw new InterruptedIOException("Restore stopped");
            }
            try {
                output.write(buffer, offset, length);
            } catch (final IOException e) {
                writeFailure = e;
                throw e;
            }
            crc.update(buffer, offset, length);
            count += length;
        }
    }
}
