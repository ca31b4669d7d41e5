package io.nififusion.core.copy;

/** The value of {@code fusion.result} for an operation that succeeded. */
public enum ReplicationResult {
    COPIED("copied"),
    SKIPPED("skipped"),
    DELETED("deleted"),
    RENAMED("renamed"),
    CREATED("created"),
    UPDATED("updated"),
    NOOP("noop"),
    /** The source file is still open for writing: nothing committed, its close or the next reconcile copies it. */
    OPEN_FILE("open-file"),
    /** A subtree was reconciled: what differed was copied or deleted. */
    RECONCILED("reconciled");

    private final String attributeValue;

    ReplicationResult(final String attributeValue) {
        this.attributeValue = attributeValue;
    }

    public String getAttributeValue() {
        return attributeValue;
    }
}
