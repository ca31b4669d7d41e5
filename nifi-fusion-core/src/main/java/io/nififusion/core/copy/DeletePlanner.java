package io.nififusion.core.copy;

/**
 * The decision of a DELETE (DESIGN §2): the record says a path was deleted at some point; the source says whether it
 * is gone now. A path that exists again at the source is never deleted on the strength of an old record: it is
 * reconciled, so whatever was re-created under it survives, whichever order the records arrive in.
 */
public final class DeletePlanner {
    private final DeletePolicy policy;

    public DeletePlanner(final DeletePolicy policy) {
        this.policy = policy;
    }

    /**
     * @param current the source path now, null when absent
     * @param target the target path now
     */
    public DeleteDecision decide(final SourceFile current, final TargetState target) {
        if (current != null) {
            return DeleteDecision.RECONCILE;
        }
        if (!target.exists()) {
            return DeleteDecision.NOTHING_TO_DELETE;
        }
        return policy == DeletePolicy.IGNORE ? DeleteDecision.KEPT_BY_POLICY : DeleteDecision.DELETE;
    }
}
