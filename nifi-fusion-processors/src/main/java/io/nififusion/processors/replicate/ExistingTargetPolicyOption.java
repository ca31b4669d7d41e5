package io.nififusion.processors.replicate;

import io.nififusion.core.copy.ExistingTargetPolicy;
import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** The Existing Target Policy choices, for target files that replication did not write. */
public enum ExistingTargetPolicyOption implements AllowableValueEnum {
    OVERWRITE("Overwrite", "Replace a target file that carries no recorded source version with the source file.", ExistingTargetPolicy.OVERWRITE),
    FAIL("Fail", "Leave such a file alone and route the record to failure (code TARGET_EXISTS). Files replication wrote are always updated.",
            ExistingTargetPolicy.FAIL);

    private final AllowableValue allowableValue;
    private final ExistingTargetPolicy policy;

    ExistingTargetPolicyOption(final String displayName, final String description, final ExistingTargetPolicy policy) {
        this.allowableValue = new AllowableValue(name(), displayName, description);
        this.policy = policy;
    }

    public ExistingTargetPolicy getPolicy() {
        return policy;
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
