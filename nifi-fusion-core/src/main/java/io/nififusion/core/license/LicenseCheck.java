package io.nififusion.core.license;

import java.time.Instant;

/**
 * Result of {@link LicenseVerifier#check(String, Instant)}: the status, the claims when they could be read and were
 * signed by the issuer, and an explanation that names the holder and dates but never repeats the token.
 *
 * @param status outcome
 * @param license signed claims; null when the token is malformed or its signature does not match
 * @param explanation message for operators
 */
public record LicenseCheck(LicenseStatus status, License license, String explanation) {

    public boolean isValid() {
        return status == LicenseStatus.VALID;
    }

    @Override
    public String toString() {
        return explanation;
    }
}
