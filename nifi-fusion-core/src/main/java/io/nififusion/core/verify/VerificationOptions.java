package io.nififusion.core.verify;

import java.util.Objects;

/**
 * How a verification runs.
 *
 * @param depth quick (no bytes read) or deep (target bytes read back)
 * @param readWhenChecksumUnavailable when a side cannot give a CRC32C without reading (a source cluster storing CRC32,
 *        a target copied without {@code fusion_crc32c}), read that side's bytes instead of reporting it unverified
 * @param compareMetadata also compare the permission bits (rwx for owner, group and other, and the sticky bit, as
 *        ReplicateToADLS applies them; one more target request per path) and, for files, the source version recorded at
 *        the target (path, length, modification time, inode id) with the current source
 * @param readBlockSize size of each ranged read from the target in deep mode
 */
public record VerificationOptions(VerificationDepth depth, boolean readWhenChecksumUnavailable, boolean compareMetadata, int readBlockSize) {
    public static final int DEFAULT_READ_BLOCK_SIZE = 4 * 1024 * 1024;

    public VerificationOptions {
        Objects.requireNonNull(depth, "Depth required");
        if (readBlockSize <= 0) {
            throw new IllegalArgumentException("Read block size must be positive");
        }
    }

    public static VerificationOptions of(final VerificationDepth depth) {
        return new VerificationOptions(depth, true, false, DEFAULT_READ_BLOCK_SIZE);
    }

    public VerificationOptions withCompareMetadata(final boolean compare) {
        return new VerificationOptions(depth, readWhenChecksumUnavailable, compare, readBlockSize);
    }

    public VerificationOptions withReadWhenChecksumUnavailable(final boolean read) {
        return new VerificationOptions(depth, read, compareMetadata, readBlockSize);
    }
}
