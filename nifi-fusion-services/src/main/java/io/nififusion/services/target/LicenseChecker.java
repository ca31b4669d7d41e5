package io.nififusion.services.target;

import io.nififusion.core.license.License;
import io.nififusion.core.license.LicenseCheck;
import io.nififusion.core.license.LicenseFormatException;
import io.nififusion.core.license.LicenseKeys;
import io.nififusion.core.license.LicenseVerifier;
import io.nififusion.services.verification.VerificationReport;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.context.PropertyContext;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

/** Checks the configured license against its issuer key at the time a clock gives, so expiry is testable without waiting. */
final class LicenseChecker {
    static final Duration WARNING_PERIOD = Duration.ofDays(30);
    static final String STEP = "Validate License";

    private final Clock clock;

    LicenseChecker(final Clock clock) {
        this.clock = clock;
    }

    /** The license properties checked now; throws when the issuer key itself cannot be read. */
    LicenseCheck check(final PropertyContext context) throws LicenseFormatException {
        final String issuerKey = context.getProperty(FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY).getValue();
        final PublicKey publicKey = issuerKey == null || issuerKey.isBlank() ? LicenseKeys.defaultIssuerPublicKey() : LicenseKeys.decodePublicKey(issuerKey);
        return new LicenseVerifier(publicKey).check(context.getProperty(FusionTargetProperties.LICENSE_KEY).getValue(), clock.instant());
    }

    /** Why a license checked earlier no longer allows writing, or null while it does. */
    String problemNow(final License license) {
        if (clock.instant().isBefore(license.expires())) {
            return null;
        }
        return "The Fusion license " + license.licenseId() + " of " + license.licensee() + " expired at " + license.expires()
                + ": set a renewed License Key on the Fusion Target Service";
    }

    /** Whether the license is valid now but expires within {@link #WARNING_PERIOD}: time to warn the operator. */
    boolean expiresSoon(final License license) {
        return license.expiresWithin(clock.instant(), WARNING_PERIOD);
    }

    /** Whole days from now until the license expires. */
    long daysLeft(final License license) {
        return Duration.between(clock.instant(), license.expires()).toDays();
    }

    /** The Verify step: valid, with days left and features, or why not. */
    ConfigVerificationResult verify(final PropertyContext context) {
        final LicenseCheck check;
        try {
            check = check(context);
        } catch (final LicenseFormatException e) {
            return VerificationReport.failed(STEP, "License Issuer Public Key unreadable: " + e.getMessage());
        }
        if (!check.isValid()) {
            return VerificationReport.failed(STEP, check.explanation());
        }
        final License license = check.license();
        return VerificationReport.successful(STEP, check.explanation() + " (" + daysLeft(license) + " days left"
                + (license.features().isEmpty() ? "" : "; features " + String.join(", ", license.features())) + ")");
    }
}
