package io.nififusion.core.verify;

import com.azure.core.util.Context;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import com.azure.storage.file.datalake.models.PathPermissions;
import com.azure.storage.file.datalake.options.DataLakePathCreateOptions;
import io.nififusion.core.target.TargetVersion;
import io.nififusion.testkit.adls.AdlsEmulator;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.protocol.HdfsFileStatus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Writes target files the way the replicator leaves them (bytes, then the source version with the CRC32C of the bytes
 * as metadata), with the real SDK, so verification tests do not depend on the replicator.
 */
final class TargetCopies {

    private TargetCopies() {
    }

    static DataLakeFileSystemClient fileSystem(final AdlsEmulator emulator, final String name) {
        final DataLakeFileSystemClient client = new DataLakeServiceClientBuilder()
                .endpoint(emulator.getEndpoint())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey()))
                .retryOptions(new RequestRetryOptions(RetryPolicyType.FIXED, 3, 30, 50L, 200L, null))
                .buildClient()
                .getFileSystemClient(name);
        if (!client.exists()) {
            client.create();
        }
        return client;
    }

    /** Copies the current source file to the target path with its source version and permission bits recorded. */
    static void copy(final FileSystem source, final String sourcePath, final DataLakeFileSystemClient target, final String targetPath) throws IOException {
        final FileStatus status = source.getFileStatus(new Path(sourcePath));
        final byte[] bytes;
        try (InputStream in = source.open(new Path(sourcePath))) {
            bytes = in.readAllBytes();
        }
        final long fileId = status instanceof HdfsFileStatus hdfsStatus ? hdfsStatus.getFileId() : -1;
        final TargetVersion version = new TargetVersion(sourcePath, bytes.length, status.getModificationTime(), fileId, Crc32cDigest.of(bytes).crc32c());
        write(target, targetPath, bytes, version.toMetadata(), permissions(status));
    }

    /** Creates the target directory with the source directory's permission bits, as the replicator's MKDIR does. */
    static void mkdir(final FileSystem source, final String sourcePath, final DataLakeFileSystemClient target, final String targetPath) throws IOException {
        final FileStatus status = source.getFileStatus(new Path(sourcePath));
        target.getDirectoryClient(targetPath).createWithResponse(new DataLakePathCreateOptions()
                .setPermissions(permissions(status).toString()).setUmask("0000"), null, Context.NONE);
    }

    private static PathPermissions permissions(final FileStatus status) {
        return PathPermissions.parseOctal(String.format("%04o", status.getPermission().toShort() & 01777));
    }

    /** Writes bytes and metadata (create with metadata, append, flush). */
    static void write(final DataLakeFileSystemClient target, final String targetPath, final byte[] bytes, final Map<String, String> metadata) {
        write(target, targetPath, bytes, metadata, null);
    }

    /** Writes bytes and metadata, with the given permission bits (no umask, as the replicator creates) or the target's default when null. */
    static void write(final DataLakeFileSystemClient target, final String targetPath, final byte[] bytes, final Map<String, String> metadata,
                      final PathPermissions permissions) {
        final DataLakeFileClient file = target.getFileClient(targetPath);
        final DataLakePathCreateOptions options = new DataLakePathCreateOptions().setMetadata(metadata);
        if (permissions != null) {
            options.setPermissions(permissions.toString()).setUmask("0000");
        }
        // Overwrites, as the replicator's final rename does; the flush keeps the metadata given at creation
        file.createWithResponse(options, null, Context.NONE);
        if (bytes.length > 0) {
            file.append(new ByteArrayInputStream(bytes), 0, bytes.length);
        }
        file.flush(bytes.length, true);
    }

    /**
     * The version the source holds now, as a replication would record it, with a chosen CRC32C: a target that records
     * the current version and still differs is a mismatch, one that records another version is a pending copy.
     */
    static TargetVersion currentVersion(final FileSystem source, final String sourcePath, final long crc32c) throws IOException {
        final FileStatus status = source.getFileStatus(new Path(sourcePath));
        return new TargetVersion(sourcePath, status.getLen(), status.getModificationTime(),
                status instanceof HdfsFileStatus hdfsStatus ? hdfsStatus.getFileId() : -1, crc32c);
    }
}
