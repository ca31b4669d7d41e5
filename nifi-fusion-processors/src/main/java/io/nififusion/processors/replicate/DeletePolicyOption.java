package io.nififusion.processors.replicate;

import io.nififusion.core.copy.DeletePolicy;
import org.apache.nifi.components.DescribedValue;

/** The Delete Policy choices. */
public enum DeletePolicyOption implements DescribedValue {
    PROPAGATE("Propagate", "Deletes at the source delete the target path (recursively for directories); renames move the target path.",
            DeletePolicy.PROPAGATE),
    IGNORE("Ignore", "Deletes at the source leave the target alone (result noop); renames copy the new name and keep the old one.",
            DeletePolicy.IGNORE),
    KEEP_IN_TRASH("Keep in Trash", "Deletes at the source move the target path (one atomic rename, whatever its size) into a hidden trash "
            + "beside the live tree, <Target Root>/.fusion-trash/<deletion time>-<id>/<path>, kept for the Trash Retention: the live tree follows "
            + "the source, and ListADLSForRestore can restore it as of any time within the retention. Renames move.", DeletePolicy.KEEP_IN_TRASH);

    private final String displayName;
    private final String description;
    private final DeletePolicy policy;

    DeletePolicyOption(final String displayName, final String description, final DeletePolicy policy) {
        this.displayName = displayName;
        this.description = description;
        this.policy = policy;
    }

    public DeletePolicy getPolicy() {
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
