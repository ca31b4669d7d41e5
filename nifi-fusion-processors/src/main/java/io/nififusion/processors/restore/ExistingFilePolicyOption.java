package io.nififusion.processors.restore;

import io.nififusion.core.restore.ExistingFilePolicy;
import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** The Existing File Policy choices of RestoreToHDFS. A file that already holds the very bytes is skipped whatever the choice. */
public enum ExistingFilePolicyOption implements AllowableValueEnum {
    FAIL("Fail", "A different file at the path restored to fails the record with RESTORE_DESTINATION_EXISTS and is left alone.", ExistingFilePolicy.FAIL),
    KEEP("Keep", "A different file at the path restored to is kept; the record succeeds as skipped.", ExistingFilePolicy.KEEP),
    REPLACE("Replace", "A different file at the path restored to is replaced by one rename once the restored file is complete and checked.",
            ExistingFilePolicy.REPLACE);

    private final AllowableValue allowableValue;
    private final ExistingFilePolicy policy;

    ExistingFilePolicyOption(final String displayName, final String description, final ExistingFilePolicy policy) {
        this.allowableValue = new AllowableValue(name(), displayName, description);
        this.policy = policy;
    }

    public ExistingFilePolicy getPolicy() {
        return policy;
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
