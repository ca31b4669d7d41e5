package io.nififusion.core.verify;

/** Where a checksum value used in a comparison came from, so a report says what was actually proven. */
public enum ChecksumSource {
    /** HDFS COMPOSITE_CRC computed by the DataNodes from stored block checksums, no bytes shipped. */
    SOURCE_COMPOSITE_CRC("source-composite-crc"),
    /** CRC32C computed here over the source bytes read from HDFS. */
    SOURCE_BYTES("source-bytes"),
    /** CRC32C recorded in the target metadata ({@code fusion_crc32c}) by the copier. */
    TARGET_RECORDED("target-recorded"),
    /** CRC32C computed here over the target bytes read back from ADLS. */
    TARGET_BYTES("target-bytes"),
    /** No value: the side could not give a checksum and reading it was not allowed. */
    NONE("none");

    private final String value;

    ChecksumSource(final String value) {
        this.value = value;
    }

    public String getValue() {
        return value;
    }
}
