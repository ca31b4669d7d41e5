package io.nififusion.testkit.adls;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signs the emulator's access tokens (RS256 JWTs with the claims Microsoft Entra ID puts in storage tokens) and checks
 * the bearer tokens the storage endpoint receives the way the service does: signature, audience, issuer (tenant),
 * not-before and expiry, each failure a 401 {@code InvalidAuthenticationInfo} with the detail Azure gives. Tokens can
 * be revoked, as continuous access evaluation does when a credential is withdrawn.
 */
final class AccessTokenIssuer {
    static final String STORAGE_AUDIENCE = "https://storage.azure.com";
    private static final String INVALID_AUTHENTICATION = "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.";

    private final KeyPair signingKeys = newSigningKeys();
    private final String keyId = UUID.randomUUID().toString();
    private final String tenantId;
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issuedCount = new AtomicInteger();
    private volatile Clock clock;
    private volatile Duration lifetime = Duration.ofHours(1);

    AccessTokenIssuer(final String tenantId, final Clock clock) {
        this.tenantId = tenantId;
        this.clock = clock;
    }

    /** The issuer claim of this tenant's v1 access tokens, the version storage tokens have. */
    String issuer() {
        return "https://sts.windows.net/" + tenantId + "/";
    }

    /**
     * @param audience the resource the token is for, from the scope or resource asked for
     * @param applicationId client ID of the application or managed identity
     * @param objectId object ID of its service principal
     */
    IssuedToken issue(final String audience, final String applicationId, final String objectId) {
        final long now = clock.instant().getEpochSecond();
        // rounded up, so the token never expires before the lifetime its client is told
        final long expiresOn = (clock.instant().plus(lifetime).toEpochMilli() + 999) / 1000;
        final String tokenId = UUID.randomUUID().toString();
        final ObjectNode header = JsonWebToken.newObject().put("kid", keyId);
        final ObjectNode claims = JsonWebToken.newObject()
                .put("aud", audience)
                .put("iss", issuer())
                .put("iat", now)
                .put("nbf", now)
                .put("exp", expiresOn)
                .put("appid", applicationId)
                .put("oid", objectId)
                .put("sub", objectId)
                .put("tid", tenantId)
                .put("uti", tokenId)
                .put("ver", "1.0");
        issued.add(tokenId);
        issuedCount.incrementAndGet();
        return new IssuedToken(JsonWebToken.signRs256(header, claims, signingKeys.getPrivate()), expiresOn);
    }

    /** A signed token and its expiry, in seconds since the epoch. */
    record IssuedToken(String token, long expiresOn) {
    }

    /** @throws AdlsServiceException 401 when the storage service would refuse the token */
    void check(final String token) {
        final JsonWebToken jwt;
        try {
            jwt = JsonWebToken.parse(token);
        } catch (final JsonWebToken.MalformedTokenException e) {
            throw invalid("IDX14100: JWT is not well formed. " + e.getMessage());
        }
        if (!jwt.isSignedBy(signingKeys.getPublic())) {
            throw invalid("Signature validation failed. Signature is invalid.");
        }
        final String audience = jwt.claim("aud");
        if (!STORAGE_AUDIENCE.equals(audience) && !(STORAGE_AUDIENCE + "/").equals(audience)) {
            throw invalid("Audience validation failed. Audience did not match.");
        }
        if (!issuer().equals(jwt.claim("iss")) || !tenantId.equals(jwt.claim("tid"))) {
            throw invalid("Issuer validation failed. Issuer did not match.");
        }
        final long now = clock.instant().getEpochSecond();
        final Long notBefore = jwt.timeClaim("nbf");
        final Long expiry = jwt.timeClaim("exp");
        if (expiry == null || now >= expiry) {
            throw invalid("Lifetime validation failed. The token is expired.");
        }
        if (notBefore == null || now < notBefore) {
            throw invalid("Lifetime validation failed. The token is not yet valid.");
        }
        final String tokenId = jwt.claim("uti");
        if (tokenId == null || !issued.contains(tokenId) || revoked.contains(tokenId)) {
            throw invalid("The access token has been revoked.");
        }
    }

    Duration getLifetime() {
        return lifetime;
    }

    void setLifetime(final Duration lifetime) {
        this.lifetime = lifetime;
    }

    void setClock(final Clock clock) {
        this.clock = clock;
    }

    Clock getClock() {
        return clock;
    }

    int issuedCount() {
        return issuedCount.get();
    }

    void revokeAll() {
        revoked.addAll(issued);
    }

    private static AdlsServiceException invalid(final String detail) {
        return new AdlsServiceException(401, "InvalidAuthenticationInfo", INVALID_AUTHENTICATION + "\nAuthenticationErrorDetail:" + detail);
    }

    private static KeyPair newSigningKeys() {
        try {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
