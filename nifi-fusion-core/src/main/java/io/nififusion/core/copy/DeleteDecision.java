package io.nififusion.core.copy;

/** What a DELETE of a path does once the source and the target have been looked at now. */
public enum DeleteDecision {
    /** The target holds nothing at the path. */
    NOTHING_TO_DELETE,
    /** The Delete Policy keeps what the source deleted. */
    KEPT_BY_POLICY,
    /** The source holds the path again (re-created, or put back): make the target match it instead. */
    RECONCILE,
    /** The source does not hold the path: remove it from the target. */
    DELETE
}
