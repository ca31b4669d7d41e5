package io.nififusion.core.copy;

/** What a RENAME A→B does once the source of B and the target of A and B have been looked at now. */
public enum RenameDecision {
    /** Target A holds the very inode that source B is now: move it to B in one atomic rename. */
    MOVE,
    /** Anything else: B is made to match source B, and A is decided by its own current source state. */
    RECONCILE_BOTH
}
