package io.nififusion.services.target;

import io.nififusion.core.license.License;
import io.nififusion.core.license.LicenseCheck;
import io.nififusion.core.license.LicenseFormatException;
import io.nififusion.core.license.LicenseIssuer;
import io.nififusion.core.license.LicenseStatus;
import io.nififusion.testkit.time.SettableClock;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.MockPropertyContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** License validity, expiry warning and expiry while enabled, at the time an injected clock gives. */
class LicenseCheckerTest {
    private static final Instant ISSUED = Instant.parse("2027-03-01T00:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(100));

    private final LicenseIssuer issuer = LicenseIssuer.withNewKeyPair();
    private final SettableClock clock = new SettableClock(ISSUED.plus(Duration.ofDays(10)));
    private final LicenseChecker checker = new LicenseChecker(clock);
    private final License license = new License("Contoso", "L-100", ISSUED, null, EXPIRES, List.of("tree-audit"), null);

    @Test
    void licenseIsCheckedAtTheClocksTime() throws LicenseFormatException {
        final MockPropertyContext context = context(issuer.issue(license), issuer.getPublicKeyText());
        assertEquals(LicenseStatus.VALID, checker.check(context).status());

        clock.set(EXPIRES);
        final LicenseCheck expired = checker.check(context);
        assertEquals(LicenseStatus.EXPIRED, expired.status());
        assertEquals("License L-100 for Contoso expired at " + EXPIRES, expired.explanation());

        clock.set(ISSUED.minusSeconds(1));
        assertEquals(LicenseStatus.NOT_YET_VALID, checker.check(context).status());
    }

    @Test
    void expiryIsAProblemFromTheInstantItExpires() {
        assertNull(checker.problemNow(license));
        clock.set(EXPIRES.minusMillis(1));
        assertNull(checker.problemNow(license));

        clock.set(EXPIRES);
        assertEquals("The Fusion license L-100 of Contoso expired at " + EXPIRES + ": set a renewed License Key on the Fusion Target Service",
                checker.problemNow(license));
    }

    @Test
    void warnsWithinThirtyDaysOfExpiry() {
        assertFalse(checker.expiresSoon(license));
        assertEquals(90, checker.daysLeft(license));

        clock.set(EXPIRES.minus(LicenseChecker.WARNING_PERIOD).minusSeconds(1));
        assertFalse(checker.expiresSoon(license));
        clock.set(EXPIRES.minus(LicenseChecker.WARNING_PERIOD));
        assertTrue(checker.expiresSoon(license));
        assertEquals(30, checker.daysLeft(license));

        clock.set(EXPIRES);
        assertFalse(checker.expiresSoon(license), "an expired license is a problem, not a warning");
    }

    @Test
    void verifyStepNamesDaysLeftAndFeaturesOrWhyNot() {
        final MockPropertyContext context = context(issuer.issue(license), issuer.getPublicKeyText());
        final ConfigVerificationResult valid = checker.verify(context);
        assertEquals(LicenseChecker.STEP, valid.getVerificationStepName());
        assertEquals(Outcome.SUCCESSFUL, valid.getOutcome());
        assertEquals("License L-100 for Contoso is valid until " + EXPIRES + " (90 days left; features tree-audit)", valid.getExplanation());

        clock.set(EXPIRES.plus(Duration.ofDays(1)));
        final ConfigVerificationResult expired = checker.verify(context);
        assertEquals(Outcome.FAILED, expired.getOutcome());
        assertEquals("License L-100 for Contoso expired at " + EXPIRES, expired.getExplanation());

        final ConfigVerificationResult unreadableKey = checker.verify(context(issuer.issue(license), "bm90LWEta2V5"));
        assertEquals(Outcome.FAILED, unreadableKey.getOutcome());
        assertTrue(unreadableKey.getExplanation().startsWith("License Issuer Public Key unreadable: "), unreadableKey.getExplanation());
    }

    @Test
    void unreadableIssuerKeyIsNotALicenseVerdict() {
        assertThrows(LicenseFormatException.class, () -> checker.check(context(issuer.issue(license), "bm90LWEta2V5")));
    }

    private static MockPropertyContext context(final String licenseKey, final String issuerKey) {
        final Map<PropertyDescriptor, String> properties = new HashMap<>();
        properties.put(FusionTargetProperties.LICENSE_KEY, licenseKey);
        properties.put(FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY, issuerKey);
        return new MockPropertyContext(properties);
    }
}
