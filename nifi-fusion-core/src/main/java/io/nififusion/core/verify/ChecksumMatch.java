package io.nififusion.core.verify;

/**
 * The result of comparing two checksums. Three-valued on purpose: a checksum that one side cannot give is
 * {@link #UNAVAILABLE}, which is reported and never counted as a match.
 */
public enum ChecksumMatch {
    MATCH,
    MISMATCH,
    UNAVAILABLE;

    /** Compares two CRC32C values, either of which may be null when that side could not give one. */
    public static ChecksumMatch of(final Long source, final Long target) {
        if (source == null || target == null) {
            return UNAVAILABLE;
        }
        return source.longValue() == target.longValue() ? MATCH : MISMATCH;
    }
}
