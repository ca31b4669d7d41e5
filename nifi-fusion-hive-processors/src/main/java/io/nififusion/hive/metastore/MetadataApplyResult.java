package io.nififusion.hive.metastore;

import java.util.List;

/**
 * The result of applying one record.
 *
 * @param outcome applied, unchanged, or pending
 * @param actions what was done at the target, in order, such as {@code created table sales.orders}
 * @param pendingReason why the record must come back, when pending
 */
public record MetadataApplyResult(MetadataOutcome outcome, List<String> actions, String pendingReason) {

    public String summary() {
        if (outcome == MetadataOutcome.PENDING) {
            return pendingReason + (actions.isEmpty() ? "" : " (done so far: " + String.join("; ", actions) + ")");
        }
        return actions.isEmpty() ? "the target already matches the source" : String.join("; ", actions);
    }
}
