package io.nififusion.processors.replicate;

import io.nififusion.core.copy.DeletePolicy;
import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** The Delete Policy choices. */
public enum DeletePolicyOption implements AllowableValueEnum {
    PROPAGATE("Propagate", "Deletes at the source delete the target path (recursively for directories); renames move the target path.",
            DeletePolicy.PROPAGATE),
    IGNORE("Ignore", "Deletes at the source leave the target alone (result noop); renames copy the new name and keep the old one.",
            DeletePolicy.IGNORE),
    KEEP_IN_TRASH("Keep in Trash", "Deletes at the source move the target path (one atomic rename, whatever its size) into a hidden trash "
            + "beside the live tree, <Target Root>/.fusion-trash/<deletion time>-<id>/<path>, kept for the Trash Retention: the live tree follows "
            + "the source, and ListADLSForRestore can restore it as of any time within the retention. Renames move. Keep Replaced Versions "
            + "keeps what overwrites replace there too.", DeletePolicy.KEEP_IN_TRASH);

    private final AllowableValue allowableValue;
    private final DeletePolicy policy;

    DeletePolicyOption(final String displayName, final String description, final DeletePolicy policy) {
        this.allowableValue = new AllowableValue(name(), displayName, description);
        this.policy = policy;
    }

    public DeletePolicy getPolicy() {
        return policy;
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
