package io.nififusion.core.license;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The wire form of a license: {@code base64url(JSON claims) + "." + base64url(Ed25519 signature)}, unpadded, where
 * the signature covers the ASCII bytes of the first part. Instants in the claims are ISO-8601 UTC strings.
 */
final class LicenseToken {
    static final String SEPARATOR = ".";

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String payload;
    private final byte[] signature;

    private LicenseToken(final String payload, final byte[] signature) {
        this.payload = payload;
        this.signature = signature;
    }

    static LicenseToken parse(final String token) throws LicenseFormatException {
        if (token == null || token.isBlank()) {
            throw new LicenseFormatException("The license key is empty");
        }
        final String trimmed = token.strip();
        final int separator = trimmed.indexOf(SEPARATOR);
        if (separator <= 0 || separator != trimmed.lastIndexOf(SEPARATOR) || separator == trimmed.length() - 1) {
            throw new LicenseFormatException("The license key must have two parts separated by one '.'");
        }
        final String payload = trimmed.substring(0, separator);
        try {
            DECODER.decode(payload);
            return new LicenseToken(payload, DECODER.decode(trimmed.substring(separator + 1)));
        } catch (final IllegalArgumentException e) {
            throw new LicenseFormatException("The license key is not Base64url");
        }
    }

    static String encodePayload(final License license) {
        final ObjectNode claims = OBJECT_MAPPER.createObjectNode();
        claims.put("licensee", license.licensee());
        claims.put("licenseId", license.licenseId());
        claims.put("issued", license.issued().toString());
        if (license.notBefore() != null) {
            claims.put("notBefore", license.notBefore().toString());
        }
        claims.put("expires", license.expires().toString());
        final ArrayNode features = claims.putArray("features");
        for (final String feature : license.features()) {
            features.add(feature);
        }
        if (license.capacityBytes() != null) {
            claims.put("capacityBytes", license.capacityBytes());
        }
        try {
            return ENCODER.encodeToString(OBJECT_MAPPER.writeValueAsBytes(claims));
        } catch (final IOException e) {
            throw new IllegalStateException("Cannot write license claims", e);
        }
    }

    static String join(final String payload, final byte[] signature) {
        return payload + SEPARATOR + ENCODER.encodeToString(signature);
    }

    String getPayload() {
        return payload;
    }

    byte[] getSignature() {
        return signature.clone();
    }

    License readClaims() throws LicenseFormatException {
        final JsonNode claims;
        try {
            claims = OBJECT_MAPPER.readTree(DECODER.decode(payload));
        } catch (final IOException | IllegalArgumentException e) {
            throw new LicenseFormatException("The license claims are not JSON");
        }
        if (claims == null || !claims.isObject()) {
            throw new LicenseFormatException("The license claims are not a JSON object");
        }
        final List<String> features = new ArrayList<>();
        final JsonNode featureNodes = claims.path("features");
        if (featureNodes.isArray()) {
            for (final JsonNode feature : featureNodes) {
                features.add(feature.asText());
            }
        }
        final JsonNode capacity = claims.get("capacityBytes");
        try {
            return new License(
                    text(claims, "licensee"),
                    text(claims, "licenseId"),
                    instant(claims, "issued"),
                    claims.hasNonNull("notBefore") ? instant(claims, "notBefore") : null,
                    instant(claims, "expires"),
                    features,
                    capacity == null || capacity.isNull() ? null : capacity.asLong());
        } catch (final IllegalArgumentException | NullPointerException e) {
            throw new LicenseFormatException("The license claims are incomplete: " + e.getMessage());
        }
    }

    private static String text(final JsonNode claims, final String name) throws LicenseFormatException {
        final JsonNode node = claims.get(name);
        if (node == null || !node.isTextual()) {
            throw new LicenseFormatException("The license claim '" + name + "' is missing");
        }
        return node.asText();
    }

    private static Instant instant(final JsonNode claims, final String name) throws LicenseFormatException {
        try {
            return Instant.parse(text(claims, name));
        } catch (final DateTimeParseException e) {
            throw new LicenseFormatException("The license claim '" + name + "' is not an ISO-8601 instant");
        }
    }
}
