package io.nififusion.processors.list;

import org.apache.nifi.components.DescribedValue;

/** How ListHDFSChanges learns about changes after (or instead of) the initial scan. */
public enum ChangeCaptureMode implements DescribedValue {
    INOTIFY("inotify", "inotify",
            "Tails the NameNode's edit log through HDFS inotify: every change within seconds, in order. Requires the configured user to be an HDFS superuser."),
    SNAPSHOT_DIFF("snapshot-diff", "snapshot-diff",
            "On each run takes a snapshot of every root and emits the difference with the previous one. Works for users that are not HDFS "
                    + "superusers; every root must be snapshottable (hdfs dfsadmin -allowSnapshot <root>)."),
    SCAN_ONLY("scan-only", "scan-only",
            "Only the initial scan: lists the roots once and then stops emitting. Clear the state to scan again.");

    private final String value;
    private final String displayName;
    private final String description;

    ChangeCaptureMode(final String value, final String displayName, final String description) {
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
