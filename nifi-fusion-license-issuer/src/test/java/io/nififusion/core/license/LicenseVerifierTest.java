package io.nififusion.core.license;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LicenseVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final LicenseIssuer issuer = LicenseIssuer.withNewKeyPair();
    private final LicenseVerifier verifier = new LicenseVerifier(issuer.getPublicKey());

    @Test
    void validLicenseCarriesAllClaims() {
        final License license = new License("Contoso Data Platform", "L-0001", NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(365)), List.of("replication", "verify"), 5_000_000_000_000L);
        final LicenseCheck check = verifier.check(issuer.issue(license), NOW);

        assertEquals(LicenseStatus.VALID, check.status());
        assertEquals(license, check.license());
        assertTrue(check.explanation().contains("Contoso Data Platform"));
        assertTrue(check.license().hasFeature("verify"));
    }

    @Test
    void optionalClaimsMayBeAbsent() {
        final License license = new License("Fabrikam", "L-2", NOW, null, NOW.plus(Duration.ofDays(10)), List.of(), null);
        final LicenseCheck check = verifier.check(issuer.issue(license), NOW);

        assertEquals(LicenseStatus.VALID, check.status());
        assertNull(check.license().notBefore());
        assertNull(check.license().capacityBytes());
        assertEquals(NOW, check.license().validFrom());
    }

    @Test
    void alteredClaimsAreTampered() {
        final String token = issuer.issue(license(NOW.plus(Duration.ofDays(1))));
        final String claims = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        final String extended = claims.replaceFirst("\"expires\":\"[^\"]+\"", "\"expires\":\"2099-01-01T00:00:00Z\"");
        final String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(extended.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        final LicenseCheck check = verifier.check(forged, NOW);
        assertEquals(LicenseStatus.TAMPERED, check.status());
        assertNull(check.license());
        assertTrue(check.explanation().contains("signature invalid"));
    }

    @Test
    void licenseOfAnotherIssuerIsTampered() {
        final String token = LicenseIssuer.withNewKeyPair().issue(license(NOW.plus(Duration.ofDays(1))));
        assertEquals(LicenseStatus.TAMPERED, verifier.check(token, NOW).status());
    }

    @Test
    void truncatedSignatureIsTampered() {
        final String token = issuer.issue(license(NOW.plus(Duration.ofDays(1))));
        assertEquals(LicenseStatus.TAMPERED, verifier.check(token.substring(0, token.length() - 4), NOW).status());
    }

    @Test
    void garbageIsMalformed() {
        for (final String garbage : List.of("", "not-a-license", "a.b.c", "abc.", "***.***")) {
            final LicenseCheck check = verifier.check(garbage, NOW);
            assertEquals(LicenseStatus.MALFORMED, check.status(), garbage);
            assertTrue(check.explanation().startsWith("License key malformed"), check.explanation());
        }
    }

    @Test
    void licenseBeforeNotBeforeIsNotYetValid() {
        final License license = new License("Contoso", "L-3", NOW, NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(30)), List.of(), null);
        final LicenseCheck check = verifier.check(issuer.issue(license), NOW);

        assertEquals(LicenseStatus.NOT_YET_VALID, check.status());
        assertTrue(check.explanation().contains("not yet valid"));
        assertNotNull(check.license());
    }

    @Test
    void licenseAtOrAfterExpiryIsExpired() {
        final Instant expires = NOW.minus(Duration.ofSeconds(1));
        final String token = issuer.issue(new License("Contoso", "L-4", NOW.minus(Duration.ofDays(30)), null, expires, List.of(), null));

        final LicenseCheck check = verifier.check(token, NOW);
        assertEquals(LicenseStatus.EXPIRED, check.status());
        assertTrue(check.explanation().contains("expired at " + expires));
        assertEquals(LicenseStatus.EXPIRED, verifier.check(token, expires).status());
        assertEquals(LicenseStatus.VALID, verifier.check(token, expires.minusMillis(1)).status());
    }

    @Test
    void explanationNeverRepeatsTheToken() {
        final String token = issuer.issue(license(NOW.minus(Duration.ofSeconds(1))));
        final String payload = token.substring(0, token.indexOf('.'));
        final String signature = token.substring(token.indexOf('.') + 1);
        for (final String candidate : List.of(token, token + "x", payload + ".AAAA")) {
            final String explanation = verifier.check(candidate, NOW).explanation();
            assertFalse(explanation.contains(payload), explanation);
            assertFalse(explanation.contains(signature), explanation);
        }
    }

    @Test
    void expiringWithinThirtyDaysIsDetected() {
        final License license = license(NOW.plus(Duration.ofDays(29)));
        assertTrue(license.expiresWithin(NOW, Duration.ofDays(30)));
        assertFalse(license(NOW.plus(Duration.ofDays(31))).expiresWithin(NOW, Duration.ofDays(30)));
    }

    @Test
    void keysRoundTripThroughTheirTextForms() throws LicenseFormatException {
        final LicenseIssuer original = LicenseIssuer.withNewKeyPair();
        final String token = original.issue(license(NOW.plus(Duration.ofDays(1))));
        final LicenseVerifier fromText = new LicenseVerifier(LicenseKeys.decodePublicKey(original.getPublicKeyText()));
        assertEquals(LicenseStatus.VALID, fromText.check(token, NOW).status());
        assertEquals(60, original.getPublicKeyText().length());
        assertThrows(LicenseFormatException.class, () -> LicenseKeys.decodePublicKey("bm90IGEga2V5"));
        assertThrows(LicenseFormatException.class, () -> LicenseKeys.decodePublicKey("%%%"));
    }

    @Test
    void defaultIssuerKeyShipsWithTheBundle() {
        final LicenseVerifier defaultVerifier = LicenseVerifier.forDefaultIssuer();
        // A throwaway issuer's license must not pass as one of the project's issuer
        assertEquals(LicenseStatus.TAMPERED, defaultVerifier.check(issuer.issue(license(NOW.plus(Duration.ofDays(1)))), NOW).status());
    }

    @Test
    void claimsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new License(" ", "L", NOW, null, NOW.plusSeconds(1), List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new License("A", "L", NOW, null, NOW, List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new License("A", "L", NOW, null, NOW.plusSeconds(1), List.of(), -1L));
    }

    private static License license(final Instant expires) {
        return new License("Contoso", "L-1", expires.minus(Duration.ofDays(60)), null, expires, List.of(), null);
    }
}
