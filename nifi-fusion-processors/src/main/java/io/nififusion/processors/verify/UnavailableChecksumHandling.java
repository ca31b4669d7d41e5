package io.nififusion.processors.verify;

import io.nififusion.processors.common.AllowableValueEnum;
import org.apache.nifi.components.AllowableValue;

/** What to do when a side cannot give a CRC32C without reading its bytes. */
public enum UnavailableChecksumHandling implements AllowableValueEnum {
    READ_BYTES("Read Bytes", "Read the bytes of the side that has no CRC32C (a source cluster storing CRC32 checksums, a target file copied "
            + "without fusion_crc32c metadata) and compute it, so equality is still proven. The result attributes say which values were read."),
    REPORT_UNVERIFIED("Report Unverified", "Read nothing more: such files go to failure (file scope) or are reported as unverified (tree scope). "
            + "Never counted as verified.");

    private final AllowableValue allowableValue;

    UnavailableChecksumHandling(final String displayName, final String description) {
        this.allowableValue = new AllowableValue(name(), displayName, description);
    }

    @Override
    public AllowableValue allowableValue() {
        return allowableValue;
    }
}
