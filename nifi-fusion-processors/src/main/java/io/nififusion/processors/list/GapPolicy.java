package io.nififusion.processors.list;

import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** What ListHDFSChanges does when the change stream lost transactions (the NameNode purged them unread). */
public enum GapPolicy implements AllowableValueEnum {
    RESCAN("Re-scan Roots",
            "Reports the lost transaction range as a warning bulletin, then scans all roots again and resumes the change stream after the gap."),
    STOP("Stop and Alert",
            "Reports the lost transaction range as an error bulletin on every run and emits nothing more until an operator clears the processor state.");

    private final AllowableValue allowableValue;

    GapPolicy(final String value, final String description) {
        this.allowableValue = new AllowableValue(value, value, description);
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
