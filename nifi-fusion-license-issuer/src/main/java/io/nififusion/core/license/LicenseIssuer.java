package io.nififusion.core.license;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues signed license tokens with an Ed25519 private key. Backs {@link LicenseTool}; tests use
 * {@link #withNewKeyPair()} to issue licenses for a throwaway issuer whose public key they configure.
 */
public final class LicenseIssuer {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    public LicenseIssuer(final PrivateKey privateKey, final PublicKey publicKey) {
        this.privateKey = Objects.requireNonNull(privateKey, "Private key required");
        this.publicKey = publicKey;
    }

    /** An issuer with a freshly generated key pair. */
    public static LicenseIssuer withNewKeyPair() {
        final KeyPair keyPair = IssuerKeys.generateKeyPair();
        return new LicenseIssuer(keyPair.getPrivate(), keyPair.getPublic());
    }

    /** The public key in the one-line form the service property takes; null when the issuer was built without it. */
    public String getPublicKeyText() {
        return publicKey == null ? null : LicenseKeys.encodePublicKey(publicKey);
    }

    public PublicKey getPublicKey() {
        return publicKey;
    }

    public String issue(final License license) {
        final String payload = LicenseToken.encodePayload(license);
        try {
            final Signature signer = Signature.getInstance(LicenseKeys.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(payload.getBytes(StandardCharsets.US_ASCII));
            return LicenseToken.join(payload, signer.sign());
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign license", e);
        }
    }

    /** A license issued now for the licensee, valid for the given period, with a random id and no features. */
    public String issue(final String licensee, final Duration validity) {
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return issue(new License(licensee, UUID.randomUUID().toString(), now, null, now.plus(validity), List.of(), null));
    }
}
