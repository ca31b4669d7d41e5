package io.nififusion.testkit.adls;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issues and checks the bearer tokens of the emulator's fake OAuth endpoint (client credentials grant). */
final class FakeTokenIssuer {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final String clientId;
    private final String clientSecret;
    private volatile Duration lifetime = Duration.ofHours(1);

    FakeTokenIssuer(final String clientId, final String clientSecret) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** @return the token, or null when the client credentials are wrong */
    String issue(final String requestClientId, final String requestClientSecret) {
        if (!clientId.equals(requestClientId) || !clientSecret.equals(requestClientSecret)) {
            return null;
        }
        final byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        final String token = "fusion." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, Instant.now().plus(lifetime));
        return token;
    }

    boolean isValid(final String token) {
        final Instant expiry = issued.get(token);
        return expiry != null && Instant.now().isBefore(expiry);
    }

    Duration getLifetime() {
        return lifetime;
    }

    void setLifetime(final Duration lifetime) {
        this.lifetime = lifetime;
    }

    void revokeAll() {
        issued.clear();
    }
}
