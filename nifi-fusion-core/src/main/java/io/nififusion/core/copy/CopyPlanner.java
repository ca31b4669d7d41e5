package io.nififusion.core.copy;

import io.nififusion.core.target.TargetVersion;

/**
 * The per-file decision of a COPY, like DistCp's {@code checkUpdate}, but state-based: it compares the current source
 * version with the version recorded on the target, never a bare length, and it never lets an older source version
 * replace a newer one.
 */
public final class CopyPlanner {
    private final ExistingTargetPolicy existingTargetPolicy;

    public CopyPlanner(final ExistingTargetPolicy existingTargetPolicy) {
        this.existingTargetPolicy = existingTargetPolicy;
    }

    public CopyDecision decide(final SourceFile source, final TargetState target) {
        if (!target.exists()) {
            return CopyDecision.COPY;
        }
        if (target.directory()) {
            return CopyDecision.FAIL_TARGET_IS_DIRECTORY;
        }
        final TargetVersion recorded = target.version();
        if (recorded == null) {
            return existingTargetPolicy == ExistingTargetPolicy.FAIL ? CopyDecision.FAIL_TARGET_EXISTS : CopyDecision.COPY;
        }
        if (recorded.sameSourceVersion(source.length(), source.modificationTime(), source.fileId()) && target.length() == source.length()) {
            return CopyDecision.SKIP_SAME_VERSION;
        }
        if (isNewer(recorded, source)) {
            return CopyDecision.SKIP_TARGET_NEWER;
        }
        return CopyDecision.COPY;
    }

    /**
     * Whether the recorded version is newer than the source version. Within one inode the modification time orders
     * versions; across inodes both the time and the inode id must be larger, because HDFS hands out inode ids in
     * increasing order: a file recreated with an older preserved time, or an older file renamed over the path, is
     * still copied.
     */
    public static boolean isNewer(final TargetVersion recorded, final SourceFile source) {
        if (recorded.fileId() == source.fileId()) {
            return recorded.modificationTime() > source.modificationTime();
        }
        return recorded.modificationTime() > source.modificationTime() && recorded.fileId() > source.fileId();
    }
}
