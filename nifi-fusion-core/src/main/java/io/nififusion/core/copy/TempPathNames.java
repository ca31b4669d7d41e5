package io.nififusion.core.copy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the hidden temp files copies are written to: in the same directory as the final file (so the rename stays
 * inside one directory's parent and is atomic), with a prefix that Hive, Spark and MapReduce ignore ({@code _} or
 * {@code .}). One temp name per final path, so a retry finds the checkpointed temp of an interrupted copy.
 */
public final class TempPathNames {
    /** ADLS limits one path segment to 255 UTF-8 bytes. */
    private static final int MAX_SEGMENT_BYTES = 255;

    private final String prefix;

    public TempPathNames(final String prefix) {
        if (prefix == null || !(prefix.startsWith("_") || prefix.startsWith("."))) {
            throw new IllegalArgumentException("Temp name prefix [" + prefix + "] must start with '_' or '.' so readers ignore temp files");
        }
        if (prefix.contains("/")) {
            throw new IllegalArgumentException("Temp name prefix [" + prefix + "] must not contain '/'");
        }
        this.prefix = prefix;
    }

    /** The temp path next to a target path (relative to the filesystem, no leading slash). */
    public String tempPathFor(final String targetPath) {
        final int slash = targetPath.lastIndexOf('/');
        final String directory = slash < 0 ? "" : targetPath.substring(0, slash + 1);
        final String name = targetPath.substring(slash + 1);
        String tempName = prefix + name;
        if (tempName.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            tempName = prefix + sha256(name).substring(0, 32);
        }
        return directory + tempName;
    }

    /** Whether a path's last segment is a temp name of this prefix. */
    public boolean isTempPath(final String path) {
        final int slash = path.lastIndexOf('/');
        return path.substring(slash + 1).startsWith(prefix);
    }

    public String getPrefix() {
        return prefix;
    }

    private static String sha256(final String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
