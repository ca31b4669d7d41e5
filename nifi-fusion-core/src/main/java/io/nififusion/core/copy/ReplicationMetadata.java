package io.nififusion.core.copy;

import io.nififusion.core.target.TargetVersion;

import java.util.LinkedHashMap;
import java.util.Map;

/** Metadata keys replication writes besides the source version of {@link TargetVersion}. */
public final class ReplicationMetadata {
    /** Present with value {@link #PARTIAL} on a temp file whose copy has not finished: its size is the committed length. */
    public static final String COPY_STATE_KEY = "fusion_copy_state";
    public static final String PARTIAL = "partial";
    /** Source access time in epoch milliseconds, kept when times are preserved. */
    public static final String ACCESS_TIME_KEY = "fusion_source_atime";

    private ReplicationMetadata() {
    }

    /** Metadata of a temp file while its copy runs. */
    public static Map<String, String> partial(final SourceFile source) {
        final Map<String, String> metadata = new LinkedHashMap<>(source.toTargetVersion(null).toMetadata());
        metadata.put(COPY_STATE_KEY, PARTIAL);
        return metadata;
    }

    /** Metadata of a finished copy. */
    public static Map<String, String> complete(final SourceFile source, final long crc32c, final boolean times) {
        final Map<String, String> metadata = new LinkedHashMap<>(source.toTargetVersion(crc32c).toMetadata());
        if (times) {
            metadata.put(ACCESS_TIME_KEY, Long.toString(source.status().getAccessTime()));
        }
        return metadata;
    }

    public static boolean isPartial(final Map<String, String> metadata) {
        return PARTIAL.equals(TargetVersion.metadataValue(metadata, COPY_STATE_KEY));
    }
}
