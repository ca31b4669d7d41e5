package io.nififusion.core.restore;

import io.nififusion.core.copy.IdentityMapping;

/**
 * How a restore writes to HDFS.
 *
 * @param partSize bytes per part: a file longer than this is read in ranges of this size, each written to its own hidden
 *     part file in parallel and then joined by one {@code concat}
 * @param parallelParts parts of one file in flight at once
 * @param tempPrefix prefix of the hidden temp and part files next to the final file ({@code _} or {@code .})
 * @param maxAttempts restores of one file tried within one record when its target copy keeps changing
 * @param existingFilePolicy what to do with a different file already at the path restored to
 * @param permissions whether permission bits are restored
 * @param ownership whether owner and group are restored through the reverse of the identity mapping
 * @param times whether the recorded source modification and access times are restored
 * @param identityMapping the identity mapping replication used, read backwards (object id to name)
 */
public record RestoreSettings(long partSize, int parallelParts, String tempPrefix, int maxAttempts, ExistingFilePolicy existingFilePolicy,
                              boolean permissions, boolean ownership, boolean times, IdentityMapping identityMapping) {
    public static final String DEFAULT_TEMP_PREFIX = ".fusion_restore.";

    public RestoreSettings {
        if (partSize < 1) {
            throw new IllegalArgumentException("Part size must be at least one byte, got " + partSize);
        }
        if (parallelParts < 1) {
            throw new IllegalArgumentException("Parallel parts must be at least 1, got " + parallelParts);
        }
        if (tempPrefix == null || !(tempPrefix.startsWith("_") || tempPrefix.startsWith(".")) || tempPrefix.contains("/")) {
            throw new IllegalArgumentException("Temp name prefix [" + tempPrefix + "] must start with '_' or '.' and contain no '/'");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("Max attempts must be at least 1, got " + maxAttempts);
        }
    }

    public static RestoreSettings defaults() {
        return new RestoreSettings(64L * 1024 * 1024, 4, DEFAULT_TEMP_PREFIX, 3, ExistingFilePolicy.FAIL, true, true, true, IdentityMapping.EMPTY);
    }

    public RestoreSettings withParts(final long size, final int parallel) {
        return new RestoreSettings(size, parallel, tempPrefix, maxAttempts, existingFilePolicy, permissions, ownership, times, identityMapping);
    }

    public RestoreSettings withExistingFilePolicy(final ExistingFilePolicy policy) {
        return new RestoreSettings(partSize, parallelParts, tempPrefix, maxAttempts, policy, permissions, ownership, times, identityMapping);
    }

    public RestoreSettings withIdentityMapping(final IdentityMapping mapping) {
        return new RestoreSettings(partSize, parallelParts, tempPrefix, maxAttempts, existingFilePolicy, permissions, ownership, times, mapping);
    }
}
