package io.nififusion.processors.list;

import org.apache.nifi.components.DescribedValue;

/** What ListHDFSChanges does about files whose writer keeps them open longer than the Max Open Duration. */
public enum OpenFilePolicy implements DescribedValue {
    REPORT("Report and Wait for Close", "Report and Wait for Close",
            "Files are copied only when closed. A file open longer than Max Open Duration is named in a warning bulletin (once) and counted."),
    REPORT_AND_COPY("Report and Copy Open File", "Report and Copy Open File",
            "Like Report and Wait for Close, and also emits a COPY record with hdfs.open.file=true, so the record of the overdue file shows "
                    + "in the flow (provenance, queues). ReplicateToADLS never commits a file still open for writing: that COPY ends as "
                    + "fusion.result=open-file, and the COPY emitted on close copies the complete file.");

    private final String value;
    private final String displayName;
    private final String description;

    OpenFilePolicy(final String value, final String displayName, final String description) {
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
