package io.nififusion.core.license;

/** Outcome of checking a license token, each with the reason an operator reads. */
public enum LicenseStatus {
    VALID("valid"),
    MALFORMED("malformed: not a Fusion license token"),
    TAMPERED("signature does not match the issuer public key: the license was altered or comes from another issuer"),
    NOT_YET_VALID("not yet valid"),
    EXPIRED("expired");

    private final String reason;

    LicenseStatus(final String reason) {
        this.reason = reason;
    }

    public String getReason() {
        return reason;
    }
}
