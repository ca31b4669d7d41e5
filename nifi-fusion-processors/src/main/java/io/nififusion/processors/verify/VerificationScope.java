package io.nififusion.processors.verify;

import org.apache.nifi.components.DescribedValue;

/** What one verification covers. */
public enum VerificationScope implements DescribedValue {
    FILE("File", "The path of each incoming replication record (hdfs.path): routed to verified, mismatch, missing, changed or failure."),
    TREE("Tree", "Every path under the Tree Root, source and target walked together: one report FlowFile listing each difference.");

    private final String displayName;
    private final String description;

    VerificationScope(final String displayName, final String description) {
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return name();
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
