package io.nififusion.processors.verify;

import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** What one verification covers. */
public enum VerificationScope implements AllowableValueEnum {
    FILE("File", "The path of each incoming replication record (hdfs.path): routed to verified, mismatch, missing, changed or failure."),
    TREE("Tree", "Every path under the Tree Root, source and target walked together: one report FlowFile listing each difference.");

    private final AllowableValue allowableValue;

    VerificationScope(final String displayName, final String description) {
        this.allowableValue = new AllowableValue(name(), displayName, description);
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
