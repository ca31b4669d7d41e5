package io.nififusion.core.copy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names of the hidden temp files copies are written to (DESIGN §2 rule 2): in the same directory as the final file
 * (so the commit is a rename inside one directory), with a prefix that Hive, Spark and MapReduce ignore ({@code _}
 * or {@code .}), and a suffix unique to the attempt, so two copies of one path (a scan record and a CLOSE record on
 * two nodes) never write into the same temp. A retry of an interrupted copy finds its temp again through the name
 * the failed attempt reported, not by guessing it.
 */
public final class TempPathNames {
    /** ADLS limits one path segment to 255 characters; counted in UTF-8 bytes to stay inside it whatever the service counts. */
    private static final int MAX_SEGMENT_BYTES = 255;
    private static final int ATTEMPT_ID_BYTES = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /** A new temp path next to a target path (relative to the filesystem, no leading slash), unique to this attempt. */
    public String newTempPathFor(final String targetPath) {
        final int slash = targetPath.lastIndexOf('/');
        final String directory = slash < 0 ? "" : targetPath.substring(0, slash + 1);
        final String name = targetPath.substring(slash + 1);
        final byte[] attempt = new byte[ATTEMPT_ID_BYTES];
        RANDOM.nextBytes(attempt);
        final String suffix = "." + HexFormat.of().formatHex(attempt);
        String tempName = prefix + name + suffix;
        if (tempName.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            tempName = prefix + sha256(name).substring(0, 32) + suffix;
        }
        return directory + tempName;
    }

    /** Whether a path's last segment is a temp name of this prefix. */
    public boolean isTempPath(final String path) {
        final int slash = path.lastIndexOf('/');
        return path.substring(slash + 1).startsWith(prefix);
    }

    /** Whether a temp path lies next to the target path: the only temps a retry of that path may resume. */
    public boolean isTempNextTo(final String tempPath, final String targetPath) {
        final int tempSlash = tempPath.lastIndexOf('/');
        final int targetSlash = targetPath.lastIndexOf('/');
        return isTempPath(tempPath) && tempPath.substring(0, tempSlash + 1).equals(targetPath.substring(0, targetSlash + 1));
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
