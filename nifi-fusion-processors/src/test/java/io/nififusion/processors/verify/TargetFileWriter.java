package io.nififusion.processors.verify;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.options.DataLakePathCreateOptions;
import io.nififusion.core.target.TargetVersion;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Leaves target files as the replicator does (bytes plus the source version and CRC32C as metadata), written with the
 * real SDK, so these tests do not depend on the replicator.
 */
final class TargetFileWriter {

    private TargetFileWriter() {
    }

    static void copy(final FileSystem source, final String sourcePath, final DataLakeFileSystemClient target, final String targetPath) throws IOException {
        final FileStatus status = source.getFileStatus(new Path(sourcePath));
        final byte[] bytes;
        try (InputStream in = source.open(new Path(sourcePath))) {
            bytes = in.readAllBytes();
        }
        final long fileId = status instanceof HdfsFileStatus hdfsStatus ? hdfsStatus.getFileId() : -1;
        write(target, targetPath, bytes, new TargetVersion(sourcePath, bytes.length, status.getModificationTime(), fileId, crc32c(bytes)).toMetadata());
    }

    static void write(final DataLakeFileSystemClient target, final String targetPath, final byte[] bytes, final Map<String, String> metadata) {
        final DataLakeFileClient file = target.getFileClient(targetPath);
        file.createWithResponse(new DataLakePathCreateOptions().setMetadata(metadata), null, Context.NONE);
        if (bytes.length > 0) {
            file.append(new ByteArrayInputStream(bytes), 0, bytes.length);
        }
        file.flush(bytes.length, true);
    }

    /**
     * The version the source holds now, as a replication records it, with a chosen CRC32C: a target that records the
     * current version and still differs is a mismatch; one that records another version is a pending copy.
     */
    static TargetVersion currentVersion(final FileSystem source, final String sourcePath, final long crc32c) throws IOException {
        final FileStatus status = source.getFileStatus(new Path(sourcePath));
        return new TargetVersion(sourcePath, status.getLen(), status.getModificationTime(),
                status instanceof HdfsFileStatus hdfsStatus ? hdfsStatus.getFileId() : -1, crc32c);
    }

    static long crc32c(final byte[] bytes) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }
}
