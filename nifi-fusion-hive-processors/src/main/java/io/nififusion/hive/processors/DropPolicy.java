package io.nififusion.hive.processors;

import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** Whether objects the source no longer holds are dropped at the target. */
public enum DropPolicy implements AllowableValueEnum {
    DROP("Drop", "Drop, at the target, databases, tables and partitions the source no longer holds (never their data: the data pipeline "
            + "removes what the source removed)"),
    KEEP("Keep", "Never drop at the target; objects the source dropped stay, and the record says so in hive.actions");

    private final AllowableValue allowableValue;

    DropPolicy(final String displayName, final String description) {
        this.allowableValue = new AllowableValue(displayName, displayName, description);
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
