package io.nififusion.core.copy;

/** The value of {@code fusion.result} for an operation that succeeded. */
public enum ReplicationResult {
    COPIED("copied"),
    SKIPPED("skipped"),
    DELETED("deleted"),
    RENAMED("renamed"),
    CREATED("created"),
    UPDATED("updated"),
    NOOP("noop");

    private final String attributeValue;

    ReplicationResult(final String attributeValue) {
        this.attributeValue = attributeValue;
    }

    public String getAttributeValue() {
        return attributeValue;
    }
}
