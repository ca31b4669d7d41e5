package io.nififusion.core.restore;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names of the hidden files a restore writes next to the final HDFS file: the temp file
 * ({@code <prefix><name>.<attempt>}), which is also part 0 that the other parts are joined onto, and the other parts
 * ({@code <temp>.part<N>}). A hidden prefix keeps them out of Hive, Spark and MapReduce; the attempt id keeps two
 * restores of one path apart, and a retry of a stopped restore finds its finished parts through the temp name the
 * stopped attempt reported.
 */
public final class RestoreTempNames {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPT_ID_BYTES = 6;

    private final String prefix;

    public RestoreTempNames(final String prefix) {
        this.prefix = prefix;
    }

    /** A new temp path next to the destination, unique to this attempt. */
    public String newTempPath(final String destinationPath) {
        final byte[] attempt = new byte[ATTEMPT_ID_BYTES];
        RANDOM.nextBytes(attempt);
        final int slash = destinationPath.lastIndexOf('/');
        return destinationPath.substring(0, slash + 1) + prefix + destinationPath.substring(slash + 1) + "." + HexFormat.of().formatHex(attempt);
    }

    /** The path of one part: part 0 is the temp file itself. */
    public static String partPath(final String tempPath, final int index) {
        return index == 0 ? tempPath : tempPath + ".part" + index;
    }

    /** Whether a reported temp path is one of this destination's, so a record cannot make a restore touch other files. */
    public boolean isTempOf(final String tempPath, final String destinationPath) {
        if (tempPath == null) {
            return false;
        }
        final int slash = destinationPath.lastIndexOf('/');
        final String expected = destinationPath.substring(0, slash + 1) + prefix + destinationPath.substring(slash + 1) + ".";
        return tempPath.startsWith(expected) && tempPath.substring(expected.length()).matches("[0-9a-f]{" + 2 * ATTEMPT_ID_BYTES + "}");
    }
}
