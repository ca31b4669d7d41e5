package io.nififusion.testkit.adls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

/**
 * A compact JSON Web Signature ({@code header.payload.signature}, Base64url): the shape of Microsoft Entra ID access
 * tokens and of the client assertions that certificate credentials send. RS256 and PS256 only, the algorithms MSAL signs with.
 */
final class JsonWebToken {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JsonNode header;
    private final JsonNode claims;
    private final String signingInput;
    private final byte[] signature;

    private JsonWebToken(final JsonNode header, final JsonNode claims, final String signingInput, final byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** Thrown for a token that is not a well-formed compact JWS. */
    static final class MalformedTokenException extends Exception {
        MalformedTokenException(final String message) {
            super(message);
        }
    }

    static JsonWebToken parse(final String token) throws MalformedTokenException {
        final String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw new MalformedTokenException("The token is not a JWS (three Base64url parts)");
        }
        try {
            final JsonNode header = MAPPER.readTree(DECODER.decode(parts[0]));
            final JsonNode claims = MAPPER.readTree(DECODER.decode(parts[1]));
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                throw new MalformedTokenException("The token's header or claims are not JSON objects");
            }
            return new JsonWebToken(header, claims, parts[0] + "." + parts[1], DECODER.decode(parts[2]));
        } catch (final IOException | IllegalArgumentException e) {
            throw new MalformedTokenException("The token is not Base64url JSON: " + e.getMessage());
        }
    }

    /** Signs the claims with RS256. */
    static String signRs256(final ObjectNode header, final ObjectNode claims, final PrivateKey key) {
        header.put("alg", "RS256").put("typ", "JWT");
        final String signingInput = ENCODER.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            final Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + ENCODER.encodeToString(signer.sign());
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the token", e);
        }
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** Whether the signature is valid for the key, under the algorithm the header names (RS256 or PS256). */
    boolean isSignedBy(final PublicKey key) {
        try {
            final Signature verifier;
            switch (header.path("alg").asText("")) {
                case "RS256" -> verifier = Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    verifier = Signature.getInstance("RSASSA-PSS");
                    verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                }
                default -> {
                    return false;
                }
            }
            verifier.initVerify(key);
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (final GeneralSecurityException e) {
            return false;
        }
    }

    String headerValue(final String name) {
        final JsonNode value = header.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    String claim(final String name) {
        final JsonNode value = claims.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A NumericDate claim (seconds since the epoch), or null when absent or not a number. */
    Long timeClaim(final String name) {
        final JsonNode value = claims.get(name);
        return value != null && value.canConvertToLong() ? value.asLong() : null;
    }
}
