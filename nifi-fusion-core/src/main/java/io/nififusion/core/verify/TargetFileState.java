package io.nififusion.core.verify;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathItem;
import com.azure.storage.file.datalake.models.PathProperties;
import io.nififusion.core.target.TargetPathProperties;
import io.nififusion.core.target.TargetVersion;

/**
 * What the target said about a path: from a listing (no metadata) or from its properties (with the recorded source
 * version).
 *
 * @param path target path relative to the filesystem
 * @param directory whether the path is a directory
 * @param length content length in bytes
 * @param eTag entity tag, used to read exactly the version that was compared
 * @param recordedVersion source version recorded by the copier, or null when absent or not fetched
 * @param metadataFetched whether the properties (and so the recorded version) were read
 */
public record TargetFileState(String path, boolean directory, long length, String eTag, TargetVersion recordedVersion, boolean metadataFetched) {

    public static TargetFileState of(final PathItem item) {
        return new TargetFileState(item.getName(), item.isDirectory(), item.isDirectory() ? 0 : item.getContentLength(), item.getETag(), null, false);
    }

    public static TargetFileState of(final String path, final PathProperties properties) {
        return new TargetFileState(path, properties.isDirectory(), properties.isDirectory() ? 0 : properties.getFileSize(), properties.getETag(),
                TargetVersion.fromMetadata(properties.getMetadata()), true);
    }

    /** The target path's properties (one HEAD request), or null when nothing is there. */
    public static TargetFileState fetch(final DataLakeFileSystemClient fileSystemClient, final String path) {
        final PathProperties properties = TargetPathProperties.of(fileSystemClient).readOrNull(path);
        return properties == null ? null : of(path, properties);
    }
}
