package io.nififusion.processors.verify;

import org.apache.nifi.components.DescribedValue;

/** What to do when a side cannot give a CRC32C without reading its bytes. */
public enum UnavailableChecksumHandling implements DescribedValue {
    READ_BYTES("Read Bytes", "Read the bytes of the side that has no CRC32C (a source cluster storing CRC32 checksums, a target file copied "
            + "without fusion_crc32c metadata) and compute it, so equality is still proven. The result attributes say which values were read."),
    REPORT_UNVERIFIED("Report Unverified", "Read nothing more: such files go to failure (file scope) or are reported as unverified (tree scope). "
            + "Never counted as verified.");

    private final String displayName;
    private final String description;

    UnavailableChecksumHandling(final String displayName, final String description) {
        this.displayName = displayName;
        this.description = description;
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
