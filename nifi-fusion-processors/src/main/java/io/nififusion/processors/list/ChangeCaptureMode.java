package io.nififusion.processors.list;

import io.nififusion.core.listing.InotifyCapture;
import io.nififusion.core.listing.ScanOnlyCapture;
import io.nififusion.core.listing.SnapshotDiffCapture;
import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** How ListHDFSChanges learns about changes after (or instead of) the initial scan; each value names its change capture of core. */
public enum ChangeCaptureMode implements AllowableValueEnum {
    INOTIFY(InotifyCapture.MODE,
            "Tails the NameNode's edit log through HDFS inotify: every change within seconds, in order. Requires the configured user to be an HDFS superuser."),
    SNAPSHOT_DIFF(SnapshotDiffCapture.MODE,
            "On each run takes a snapshot of every root and emits the difference with the previous one. Works for users that are not HDFS "
                    + "superusers; every root must be snapshottable (hdfs dfsadmin -allowSnapshot <root>)."),
    SCAN_ONLY(ScanOnlyCapture.MODE,
            "Only the initial scan: lists the roots once and then stops emitting. Clear the state to scan again.");

    private final AllowableValue allowableValue;

    ChangeCaptureMode(final String value, final String description) {
        this.allowableValue = new AllowableValue(value, value, description);
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
