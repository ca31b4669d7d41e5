package io.nififusion.core.license;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Objects;

/** Checks license tokens offline against one issuer public key. */
public final class LicenseVerifier {
    private final PublicKey issuerPublicKey;

    public LicenseVerifier(final PublicKey issuerPublicKey) {
        this.issuerPublicKey = Objects.requireNonNull(issuerPublicKey, "Issuer public key required");
    }

    /** A verifier for licenses of the project's own issuer. */
    public static LicenseVerifier forDefaultIssuer() {
        return new LicenseVerifier(LicenseKeys.defaultIssuerPublicKey());
    }

    /**
     * @param token license key as given by the operator
     * @param now the instant to check validity at
     * @return the outcome; never throws for a bad token
     */
    public LicenseCheck check(final String token, final Instant now) {
        final LicenseToken parsed;
        try {
            parsed = LicenseToken.parse(token);
        } catch (final LicenseFormatException e) {
            return new LicenseCheck(LicenseStatus.MALFORMED, null, "License key malformed: " + e.getMessage());
        }
        if (!signatureMatches(parsed)) {
            return new LicenseCheck(LicenseStatus.TAMPERED, null,
                    "License key signature invalid: the license was altered or was not issued by the configured issuer");
        }
        final License license;
        try {
            license = parsed.readClaims();
        } catch (final LicenseFormatException e) {
            return new LicenseCheck(LicenseStatus.MALFORMED, null, "License key malformed: " + e.getMessage());
        }
        final String subject = "License " + license.licenseId() + " for " + license.licensee();
        if (now.isBefore(license.validFrom())) {
            return new LicenseCheck(LicenseStatus.NOT_YET_VALID, license, subject + " is not yet valid: valid from " + license.validFrom());
        }
        if (!now.isBefore(license.expires())) {
            return new LicenseCheck(LicenseStatus.EXPIRED, license, subject + " expired at " + license.expires());
        }
        return new LicenseCheck(LicenseStatus.VALID, license, subject + " is valid until " + license.expires());
    }

    private boolean signatureMatches(final LicenseToken token) {
        try {
            final Signature verifier = Signature.getInstance(LicenseKeys.ALGORITHM);
            verifier.initVerify(issuerPublicKey);
            verifier.update(token.getPayload().getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(token.getSignature());
        } catch (final GeneralSecurityException e) {
            // A signature of the wrong length or encoding: not one this issuer made
            return false;
        }
    }
}
