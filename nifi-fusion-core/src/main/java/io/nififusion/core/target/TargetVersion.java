package io.nififusion.core.target;

import io.nififusion.core.checksum.Crc32cFormat;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The source version a target file was copied from, kept as ADLS metadata on the file (DESIGN §2 rule 3). Lets the
 * replicator skip a target that already holds the same version and refuse to replace a newer one, and lets the
 * verifier compare without reading bytes (quick depth).
 *
 * @param sourcePath absolute source path the bytes came from
 * @param length number of bytes
 * @param modificationTime source modification time in epoch milliseconds
 * @param fileId HDFS inode id
 * @param crc32c CRC32C of the whole file as computed while streaming, or null when not recorded
 */
public record TargetVersion(String sourcePath, long length, long modificationTime, long fileId, Long crc32c) {
    public static final String SOURCE_PATH_KEY = "fusion_source_path";
    public static final String LENGTH_KEY = "fusion_source_length";
    public static final String MODIFICATION_TIME_KEY = "fusion_source_mtime";
    public static final String FILE_ID_KEY = "fusion_source_fileid";
    public static final String CRC32C_KEY = "fusion_crc32c";

    /** Metadata to store on the target file; ADLS metadata values are ASCII, so the path is percent-encoded. */
    public Map<String, String> toMetadata() {
        final Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(SOURCE_PATH_KEY, URLEncoder.encode(sourcePath, StandardCharsets.UTF_8));
        metadata.put(LENGTH_KEY, Long.toString(length));
        metadata.put(MODIFICATION_TIME_KEY, Long.toString(modificationTime));
        metadata.put(FILE_ID_KEY, Long.toString(fileId));
        if (crc32c != null) {
            metadata.put(CRC32C_KEY, Crc32cFormat.format(crc32c));
        }
        return metadata;
    }

    /**
     * The value of one key of target metadata, whatever case the service returned its name in (Azure may change the case
     * of metadata names); null when absent or when there is no metadata.
     */
    public static String metadataValue(final Map<String, String> metadata, final String key) {
        if (metadata != null) {
            for (final Map.Entry<String, String> entry : metadata.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(key)) {
                    return entry.getValue();
                }
            }
        }
        return null;
    }

    /** Reads the version from target metadata (keys compared case-insensitively), or null when it was not written by us. */
    public static TargetVersion fromMetadata(final Map<String, String> metadata) {
        if (metadata == null) {
            return null;
        }
        final Map<String, String> lowerCased = new LinkedHashMap<>();
        for (final Map.Entry<String, String> entry : metadata.entrySet()) {
            lowerCased.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
        }
        final String sourcePath = lowerCased.get(SOURCE_PATH_KEY);
        final String length = lowerCased.get(LENGTH_KEY);
        if (sourcePath == null || length == null) {
            return null;
        }
        try {
            final String crc = lowerCased.get(CRC32C_KEY);
            return new TargetVersion(
                    URLDecoder.decode(sourcePath, StandardCharsets.UTF_8),
                    Long.parseLong(length),
                    Long.parseLong(lowerCased.getOrDefault(MODIFICATION_TIME_KEY, "-1")),
                    Long.parseLong(lowerCased.getOrDefault(FILE_ID_KEY, "-1")),
                    crc == null ? null : Crc32cFormat.parse(crc));
        } catch (final IllegalArgumentException e) {
            return null;
        }
    }

    /** Same source file and same version: length, modification time and inode id all equal. */
    public boolean sameSourceVersion(final long otherLength, final long otherModificationTime, final long otherFileId) {
        return length == otherLength && modificationTime == otherModificationTime && fileId == otherFileId;
    }
}
