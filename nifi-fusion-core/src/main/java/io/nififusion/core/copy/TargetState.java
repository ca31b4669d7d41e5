package io.nififusion.core.copy;

import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.target.TargetVersion;

import java.util.Map;

/**
 * What the target holds at a path when an operation looks: nothing, a directory, or a file with its ETag and the
 * source version recorded on it (null for a file replication did not write).
 *
 * @param exists whether the path exists
 * @param directory whether it is a directory
 * @param length file length
 * @param etag entity tag, the condition a commit uses
 * @param version recorded source version, or null
 * @param metadata all metadata of the path, to merge into rather than replace
 */
public record TargetState(boolean exists, boolean directory, long length, String etag, TargetVersion version, Map<String, String> metadata) {
    public static final TargetState ABSENT = new TargetState(false, false, 0, null, null, Map.of());
    /** The filesystem root, which always exists, is a directory, and has no path of its own to ask about. */
    public static final TargetState FILESYSTEM_ROOT = new TargetState(true, true, 0, null, null, Map.of());

    public static TargetState of(final boolean directory, final long length, final String etag, final Map<String, String> metadata) {
        final Map<String, String> safeMetadata = metadata == null ? Map.of() : metadata;
        return new TargetState(true, directory, length, etag, TargetVersion.fromMetadata(safeMetadata), safeMetadata);
    }

    /** The inode id of the source file or directory this path was written from, or {@link ReplicationOperation#UNKNOWN}. */
    public long recordedFileId() {
        final String fileId = TargetVersion.metadataValue(metadata, TargetVersion.FILE_ID_KEY);
        if (fileId == null) {
            return ReplicationOperation.UNKNOWN;
        }
        try {
            return Long.parseLong(fileId);
        } catch (final NumberFormatException e) {
            return ReplicationOperation.UNKNOWN;
        }
    }
}
