package io.nififusion.core.copy;

/** Whether source deletes reach the target. */
public enum DeletePolicy {
    /** Delete at the target what was deleted at the source (renames move). */
    PROPAGATE,
    /** Keep target paths deleted at the source (renames copy and keep the old name). */
    IGNORE,
    /** Move what the source deleted into the target's trash, kept for a retention period (renames move). */
    KEEP_IN_TRASH
}
