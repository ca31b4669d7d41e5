package io.nififusion.core.operation;

/**
 * What one replication record asks the target to become. Operations name a path, not a snapshot of its bytes:
 * applying them is idempotent and state-based (DESIGN §2).
 */
public enum OperationType {
    /** Copy the current source file to the target, skipping when the target already holds that version. */
    COPY,
    /** Create the target directory (and its parents) if absent. */
    MKDIR,
    /** Remove the target path, recursively for directories, if present. */
    DELETE,
    /** Move the target path from {@code hdfs.src.path} to {@code hdfs.path}, or degrade to copy + delete. */
    RENAME,
    /** Apply permissions, owner, group, ACL and times of the source path to the target. */
    METADATA,
    /**
     * Make the target subtree at the path match the source subtree: copy what differs, delete what the source does not
     * hold, replace what changed type. How every ambiguity resolves: a rename that cannot move, a re-created name, a
     * tree renamed into the roots.
     */
    RECONCILE,
    /** Delete from the target subtree at the path what the source does not hold; after a scan that emitted the rest. */
    PRUNE
}
