package io.nififusion.processors.list;

import org.apache.nifi.components.DescribedValue;

/** What ListHDFSChanges does when the change stream lost transactions (the NameNode purged them unread). */
public enum GapPolicy implements DescribedValue {
    RESCAN("Re-scan Roots", "Re-scan Roots",
            "Reports the lost transaction range as a warning bulletin, then scans all roots again and resumes the change stream after the gap."),
    STOP("Stop and Alert", "Stop and Alert",
            "Reports the lost transaction range as an error bulletin on every run and emits nothing more until an operator clears the processor state.");

    private final String value;
    private final String displayName;
    private final String description;

    GapPolicy(final String value, final String displayName, final String description) {
        this.value = value;
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return value;
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
