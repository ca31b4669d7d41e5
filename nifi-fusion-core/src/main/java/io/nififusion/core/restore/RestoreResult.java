package io.nififusion.core.restore;

/** The value of {@code fusion.result} for a restored entry. */
public enum RestoreResult {
    /** The file's bytes were written to HDFS. */
    RESTORED("restored"),
    /** HDFS already holds these bytes (or the Existing File Policy keeps what is there). */
    SKIPPED("skipped"),
    /** The directory was created. */
    CREATED("created"),
    /** The directory existed; its permissions and owner were applied. */
    UPDATED("updated");

    private final String attributeValue;

    RestoreResult(final String attributeValue) {
        this.attributeValue = attributeValue;
    }

    public String getAttributeValue() {
        return attributeValue;
    }
}
