package io.nififusion.core.copy;

import io.nififusion.core.listing.ExclusionFilter;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link AdlsReplicator} copies and applies operations; the processor builds it from its properties.
 *
 * @param chunkSize bytes per append
 * @param parallelism chunks of one file in flight at once
 * @param checkpointInterval chunks between checkpoint flushes of a big file, 0 for none
 * @param maxCopyAttempts copies of one file tried in one operation when its source keeps changing
 * @param tempPrefix prefix of hidden temp names, starting with {@code _} or {@code .}
 * @param existingTargetPolicy what to do with target files replication did not write
 * @param deletePolicy whether deletes reach the target
 * @param metadataPreservation which metadata the target receives
 * @param identityMapping on-premises users and groups to Azure AD object ids
 * @param appendMd5 whether each append carries its own Content-MD5, checked by the service on receipt
 * @param exclusions source paths a reconcile neither copies nor deletes at the target (the listing's exclusions)
 * @param orphanedTempAge how long a temp file must have been left alone before a reconcile of its directory removes it
 * @param keepReplacedVersions whether a file a copy replaces by a version of another source file is saved into the trash
 *     first (only with {@link DeletePolicy#KEEP_IN_TRASH})
 */
public record ReplicatorSettings(int chunkSize, int parallelism, int checkpointInterval, int maxCopyAttempts, String tempPrefix,
                                 ExistingTargetPolicy existingTargetPolicy, DeletePolicy deletePolicy,
                                 MetadataPreservation metadataPreservation, IdentityMapping identityMapping, boolean appendMd5,
                                 ExclusionFilter exclusions, Duration orphanedTempAge, boolean keepReplacedVersions) {
    public static final int DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
    public static final String DEFAULT_TEMP_PREFIX = "_fusion_tmp.";
    public static final Duration DEFAULT_ORPHANED_TEMP_AGE = Duration.ofHours(1);

    public ReplicatorSettings {
        if (chunkSize < 1 || parallelism < 1 || maxCopyAttempts < 1 || checkpointInterval < 0) {
            throw new IllegalArgumentException("Chunk size, parallelism and attempts must be positive, checkpoint interval not negative");
        }
        Objects.requireNonNull(tempPrefix);
        Objects.requireNonNull(existingTargetPolicy);
        Objects.requireNonNull(deletePolicy);
        Objects.requireNonNull(metadataPreservation);
        Objects.requireNonNull(identityMapping);
        Objects.requireNonNull(exclusions);
        if (orphanedTempAge == null || orphanedTempAge.isNegative()) {
            throw new IllegalArgumentException("Orphaned temp age must not be negative");
        }
        if (keepReplacedVersions && deletePolicy != DeletePolicy.KEEP_IN_TRASH) {
            throw new IllegalArgumentException("Replaced versions are kept in the trash, which only Delete Policy Keep in Trash has");
        }
    }

    /** Defaults for tests and tools: 8 MiB chunks, 4 in parallel, a checkpoint every 16 chunks, 3 attempts. */
    public static ReplicatorSettings defaults() {
        return new ReplicatorSettings(DEFAULT_CHUNK_SIZE, 4, 16, 3, DEFAULT_TEMP_PREFIX, ExistingTargetPolicy.OVERWRITE,
                DeletePolicy.PROPAGATE, MetadataPreservation.PERMISSIONS, IdentityMapping.EMPTY, true,
                ExclusionFilter.parse(ExclusionFilter.DEFAULT_EXCLUSIONS), DEFAULT_ORPHANED_TEMP_AGE, false);
    }

    public ReplicatorSettings withChunking(final int newChunkSize, final int newParallelism, final int newCheckpointInterval) {
        return new ReplicatorSettings(newChunkSize, newParallelism, newCheckpointInterval, maxCopyAttempts, tempPrefix, existingTargetPolicy,
                deletePolicy, metadataPreservation, identityMapping, appendMd5, exclusions, orphanedTempAge, keepReplacedVersions);
    }

    public ReplicatorSettings withPolicies(final ExistingTargetPolicy newExistingTargetPolicy, final DeletePolicy newDeletePolicy,
                                           final MetadataPreservation newMetadataPreservation, final IdentityMapping newIdentityMapping) {
        return new ReplicatorSettings(chunkSize, parallelism, checkpointInterval, maxCopyAttempts, tempPrefix, newExistingTargetPolicy,
                newDeletePolicy, newMetadataPreservation, newIdentityMapping, appendMd5, exclusions, orphanedTempAge, keepReplacedVersions);
    }

    public ReplicatorSettings withMaxCopyAttempts(final int attempts) {
        return new ReplicatorSettings(chunkSize, parallelism, checkpointInterval, attempts, tempPrefix, existingTargetPolicy,
                deletePolicy, metadataPreservation, identityMapping, appendMd5, exclusions, orphanedTempAge, keepReplacedVersions);
    }

    public ReplicatorSettings withReconcile(final ExclusionFilter newExclusions, final Duration newOrphanedTempAge) {
        return new ReplicatorSettings(chunkSize, parallelism, checkpointInterval, maxCopyAttempts, tempPrefix, existingTargetPolicy,
                deletePolicy, metadataPreservation, identityMapping, appendMd5, newExclusions, newOrphanedTempAge, keepReplacedVersions);
    }

    /** The same settings keeping (or not) the versions copies replace; needs Delete Policy Keep in Trash to keep them. */
    public ReplicatorSettings withKeptReplacedVersions(final boolean keep) {
        return new ReplicatorSettings(chunkSize, parallelism, checkpointInterval, maxCopyAttempts, tempPrefix, existingTargetPolicy,
                deletePolicy, metadataPreservation, identityMapping, appendMd5, exclusions, orphanedTempAge, keep);
    }
}
