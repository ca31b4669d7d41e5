package io.nififusion.core.restore;

import com.azure.storage.file.datalake.models.PathItem;
import com.azure.storage.file.datalake.models.PathProperties;

import java.time.OffsetDateTime;

/**
 * One path of a target tree as a listing sees it.
 *
 * @param relativePath path relative to the walked tree's base directory ({@code ""} for the base itself)
 * @param targetPath path relative to the filesystem
 * @param directory whether it is a directory
 * @param length bytes of a file
 * @param etag entity tag of the version listed
 * @param lastModified last modification at the target
 * @param creationTime creation at the target, or null when the service did not say
 */
public record TargetTreeEntry(String relativePath, String targetPath, boolean directory, long length, String etag, OffsetDateTime lastModified,
                              OffsetDateTime creationTime) {

    static TargetTreeEntry of(final String relativePath, final PathItem item) {
        return new TargetTreeEntry(relativePath, item.getName(), item.isDirectory(), item.getContentLength(), item.getETag(), item.getLastModified(),
                item.getCreationTime());
    }

    static TargetTreeEntry of(final String relativePath, final String targetPath, final PathProperties properties) {
        return new TargetTreeEntry(relativePath, targetPath, Boolean.TRUE.equals(properties.isDirectory()), properties.getFileSize(), properties.getETag(),
                properties.getLastModified(), properties.getCreationTime());
    }
}
