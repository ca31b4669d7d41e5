package io.nififusion.processors.replicate;

import io.nififusion.core.copy.ExistingTargetPolicy;
import org.apache.nifi.components.DescribedValue;

/** The Existing Target Policy choices, for target files that replication did not write. */
public enum ExistingTargetPolicyOption implements DescribedValue {
    OVERWRITE("Overwrite", "Replace a target file that carries no recorded source version with the source file.", ExistingTargetPolicy.OVERWRITE),
    FAIL("Fail", "Leave such a file alone and route the record to failure (code TARGET_EXISTS). Files replication wrote are always updated.",
            ExistingTargetPolicy.FAIL);

    private final String displayName;
    private final String description;
    private final ExistingTargetPolicy policy;

    ExistingTargetPolicyOption(final String displayName, final String description, final ExistingTargetPolicy policy) {
        this.displayName = displayName;
        this.description = description;
        this.policy = policy;
    }

    public ExistingTargetPolicy getPolicy() {
        return policy;
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
