package io.nififusion.core.copy;

import io.nififusion.core.target.TargetVersion;

/**
 * The per-file decision of a COPY, like DistCp's {@code checkUpdate}, but state-based (DESIGN §2): it compares the
 * source's current version with the version recorded on the target and skips only when they are the same version of
 * the same inode. Versions of two different inodes are never ordered: an older file renamed over the path, or a file
 * re-created with a preserved older time, is copied like any other difference. Staleness is prevented by the
 * conditional commit and the re-read of the source after the bytes, not by guessing which version is newer.
 */
public final class CopyPlanner {
    private final ExistingTargetPolicy existingTargetPolicy;

    public CopyPlanner(final ExistingTargetPolicy existingTargetPolicy) {
        this.existingTargetPolicy = existingTargetPolicy;
    }

    public CopyDecision decide(final SourceFile source, final TargetState target) {
        return decide(source, target, null);
    }

    /**
     * @param disprovedEtag the entity tag of a target file whose bytes a verification found different from the source
     *     version it records (a corrupted or tampered copy): while the target still holds it, it is copied over, never
     *     skipped as the same version; null when nothing was disproved
     */
    public CopyDecision decide(final SourceFile source, final TargetState target, final String disprovedEtag) {
        if (!target.exists()) {
            return CopyDecision.COPY;
        }
        if (target.directory()) {
            return CopyDecision.RECONCILE_TYPE_CHANGE;
        }
        final TargetVersion recorded = target.version();
        if (recorded == null) {
            return existingTargetPolicy == ExistingTargetPolicy.FAIL ? CopyDecision.FAIL_TARGET_EXISTS : CopyDecision.COPY;
        }
        final boolean disproved = disprovedEtag != null && disprovedEtag.equals(target.etag());
        if (!disproved && recorded.sameSourceVersion(source.length(), source.modificationTime(), source.fileId()) && target.length() == source.length()
                && !ReplicationMetadata.isPartial(target.metadata())) {
            return CopyDecision.SKIP_SAME_VERSION;
        }
        return CopyDecision.COPY;
    }
}
