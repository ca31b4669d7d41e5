package io.nififusion.core.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nififusion.core.checksum.Crc32cFormat;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One difference found by a tree audit: one line of the report.
 *
 * @param kind what differs
 * @param sourcePath absolute source path (the mapped one for a path only at the target)
 * @param targetPath target path relative to the filesystem
 * @param directory whether the path is a directory (on the side where it exists; the source side for a type difference)
 * @param sourceLength source length, -1 when not applicable
 * @param targetLength target length, -1 when not applicable
 * @param sourceCrc32c source CRC32C, null when not applicable
 * @param targetCrc32c target CRC32C, null when not applicable
 * @param detail explanation, null when the kind says it all
 */
public record Difference(DifferenceKind kind, String sourcePath, String targetPath, boolean directory, long sourceLength, long targetLength,
                         Long sourceCrc32c, Long targetCrc32c, String detail) {
    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

    public Difference {
        Objects.requireNonNull(kind, "Kind required");
    }

    public static Difference of(final DifferenceKind kind, final String sourcePath, final String targetPath, final boolean directory, final String detail) {
        return new Difference(kind, sourcePath, targetPath, directory, -1, -1, null, null, detail);
    }

    /** The difference a file verdict amounts to, or null when the file is verified. */
    public static Difference of(final FileVerification verification) {
        final DifferenceKind kind = DifferenceKind.of(verification);
        if (kind == null) {
            return null;
        }
        return new Difference(kind, verification.sourcePath(), verification.targetPath(), verification.directory(), verification.sourceLength(),
                verification.targetLength(), verification.sourceCrc32c(), verification.targetCrc32c(), verification.explanation());
    }

    /** The report line: one JSON object, no line break; absent values are left out. */
    public String toJsonLine() {
        final Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", kind.getValue());
        line.put("sourcePath", sourcePath);
        line.put("targetPath", targetPath);
        line.put("type", directory ? "directory" : "file");
        if (sourceLength >= 0) {
            line.put("sourceLength", sourceLength);
        }
        if (targetLength >= 0) {
            line.put("targetLength", targetLength);
        }
        if (sourceCrc32c != null) {
            line.put("sourceCrc32c", Crc32cFormat.format(sourceCrc32c));
        }
        if (targetCrc32c != null) {
            line.put("targetCrc32c", Crc32cFormat.format(targetCrc32c));
        }
        if (detail != null) {
            line.put("detail", detail);
        }
        try {
            return OBJECT_MAPPER.writeValueAsString(line);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
