package io.nififusion.core.license;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The issuer's side of {@link LicenseKeys}: Ed25519 key pairs, and private keys as PKCS#8 PEM
 * ({@code BEGIN PRIVATE KEY}). Only the issuer's tools use it; the product verifies with public keys alone.
 */
public final class IssuerKeys {

    private IssuerKeys() {
    }

    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(LicenseKeys.ALGORITHM).generateKeyPair();
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 not available in this JDK", e);
        }
    }

    public static String encodePrivateKey(final PrivateKey privateKey) {
        final String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(privateKey.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    public static PrivateKey decodePrivateKey(final String text) throws LicenseFormatException {
        final byte[] der = LicenseKeys.decodeKeyText(text, "private");
        try {
            return KeyFactory.getInstance(LicenseKeys.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (final GeneralSecurityException | IllegalArgumentException e) {
            throw new LicenseFormatException("Not an Ed25519 private key (expected PKCS#8 PEM)", e);
        }
    }
}
