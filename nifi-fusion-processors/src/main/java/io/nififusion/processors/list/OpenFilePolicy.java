package io.nififusion.processors.list;

import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** What ListHDFSChanges does about files whose writer keeps them open longer than the Max Open Duration. */
public enum OpenFilePolicy implements AllowableValueEnum {
    REPORT("Report and Wait for Close",
            "Files are copied only when closed. A file open longer than Max Open Duration is named in a warning bulletin (once) and counted."),
    REPORT_AND_COPY("Report and Copy Open File",
            "Like Report and Wait for Close, and also emits a COPY record with hdfs.open.file=true, so the record of the overdue file shows "
                    + "in the flow (provenance, queues). ReplicateToADLS never commits a file still open for writing: that COPY ends as "
                    + "fusion.result=open-file, and the COPY emitted on close copies the complete file.");

    private final AllowableValue allowableValue;

    OpenFilePolicy(final String value, final String description) {
        this.allowableValue = new AllowableValue(value, value, description);
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
