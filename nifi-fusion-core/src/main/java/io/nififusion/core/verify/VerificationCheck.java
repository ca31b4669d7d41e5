package io.nififusion.core.verify;

/** The check that decided a verdict other than verified, named in attributes and report lines. */
public enum VerificationCheck {
    EXISTENCE("existence"),
    TYPE("type"),
    SIZE("size"),
    CHECKSUM("checksum"),
    METADATA("metadata"),
    STABILITY("stability");

    private final String value;

    VerificationCheck(final String value) {
        this.value = value;
    }

    public String getValue() {
        return value;
    }
}
