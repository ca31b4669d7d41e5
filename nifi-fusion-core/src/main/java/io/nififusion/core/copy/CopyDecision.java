package io.nififusion.core.copy;

/** What a COPY does once the current source file and the current target path have been looked at. */
public enum CopyDecision {
    /** Copy the source bytes. */
    COPY,
    /** The target records exactly the source's current version (inode, length, modification time). */
    SKIP_SAME_VERSION,
    /** The target holds a file replication did not write and the policy says fail. */
    FAIL_TARGET_EXISTS,
    /** The target path is a directory where the source has a file: a type change, resolved by reconciling the path. */
    RECONCILE_TYPE_CHANGE
}
