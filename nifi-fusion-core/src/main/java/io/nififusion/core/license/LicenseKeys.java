package io.nififusion.core.license;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The public key of a license issuer and its text form: one line of Base64 (X.509 SubjectPublicKeyInfo, 60
 * characters), which is what the service property takes; PEM ({@code BEGIN PUBLIC KEY}) is accepted too. What makes
 * and reads private keys lives with the issuer ({@code IssuerKeys}, never shipped in the NAR).
 */
public final class LicenseKeys {
    /** Classpath resource holding the public key of the project's license issuer. */
    public static final String DEFAULT_ISSUER_PUBLIC_KEY_RESOURCE = "io/nififusion/core/license/issuer-public-key.txt";

    static final String ALGORITHM = "Ed25519";

    private LicenseKeys() {
    }

    public static String encodePublicKey(final PublicKey publicKey) {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public static PublicKey decodePublicKey(final String text) throws LicenseFormatException {
        final byte[] der = decodeKeyText(text, "public");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (final GeneralSecurityException | IllegalArgumentException e) {
            throw new LicenseFormatException("Not an Ed25519 public key (expected Base64 X.509 SubjectPublicKeyInfo or PEM)", e);
        }
    }

    /** The public key of the project's license issuer, shipped as {@link #DEFAULT_ISSUER_PUBLIC_KEY_RESOURCE}. */
    public static PublicKey defaultIssuerPublicKey() {
        try (InputStream in = LicenseKeys.class.getClassLoader().getResourceAsStream(DEFAULT_ISSUER_PUBLIC_KEY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + DEFAULT_ISSUER_PUBLIC_KEY_RESOURCE + " missing");
            }
            return decodePublicKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (final IOException | LicenseFormatException e) {
            throw new IllegalStateException("Cannot read the default issuer public key " + DEFAULT_ISSUER_PUBLIC_KEY_RESOURCE, e);
        }
    }

    static byte[] decodeKeyText(final String text, final String kind) throws LicenseFormatException {
        if (text == null || text.isBlank()) {
            throw new LicenseFormatException("No " + kind + " key given");
        }
        final StringBuilder base64 = new StringBuilder();
        for (final String line : text.split("\\R")) {
            final String trimmed = line.trim();
            if (!trimmed.startsWith("-----")) {
                base64.append(trimmed);
            }
        }
        try {
            return Base64.getDecoder().decode(base64.toString());
        } catch (final IllegalArgumentException e) {
            throw new LicenseFormatException("The " + kind + " key is not valid Base64");
        }
    }
}
