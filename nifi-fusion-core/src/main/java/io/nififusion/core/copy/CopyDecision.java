package io.nififusion.core.copy;

/** What a COPY does once the source and the target have been looked at. */
public enum CopyDecision {
    /** Copy the source bytes. */
    COPY,
    /** The target already holds this source version. */
    SKIP_SAME_VERSION,
    /** The target holds a newer source version: a stale copy never replaces it. */
    SKIP_TARGET_NEWER,
    /** The target holds a file replication did not write and the policy says fail. */
    FAIL_TARGET_EXISTS,
    /** The target path is a directory. */
    FAIL_TARGET_IS_DIRECTORY
}
