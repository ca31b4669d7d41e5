package io.nififusion.testkit.adls;

import com.azure.core.credential.AccessToken;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nififusion.testkit.time.SettableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTPS listener, the token endpoints and the storage endpoint's checks of bearer tokens, with the real SDK. */
class AdlsEmulatorIdentityIT {
    private static final SettableClock CLOCK = new SettableClock(Instant.now());

    @RegisterExtension
    static final AdlsEmulatorExtension ADLS = new AdlsEmulatorExtension(AdlsEmulator.builder().clock(CLOCK).userAssignedIdentity("user-assigned-id"));

    private static HttpClient trustingClient;

    @BeforeAll
    static void createFile() {
        trustingClient = HttpClient.newBuilder().sslContext(ADLS.getEmulator().getCertificateAuthority().createClientContext()).build();
        final DataLakeFileClient file = EmulatorClients.sharedKey(ADLS.getEmulator()).createFileSystem("identity").createFile("dir/readme.txt");
        file.append(BinaryData.fromString("secret"), 0);
        file.flush(6, true);
    }

    @Test
    void httpsListenerIsSignedByTheEmulatorsAuthorityOnly() throws Exception {
        final AdlsEmulator emulator = ADLS.getEmulator();
        try (HttpClient defaultTrust = HttpClient.newHttpClient()) {
            final IOException e = assertThrows(IOException.class, () -> defaultTrust.send(HttpRequest.newBuilder(URI.create(emulator.getHttpsEndpoint())).build(),
                    HttpResponse.BodyHandlers.discarding()));
            assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
        }
        final DataLakeServiceClient sharedKeyOverTls = new DataLakeServiceClientBuilder().endpoint(emulator.getHttpsEndpoint())
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(emulator.getCertificateAuthority().createClientContext())).build())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), emulator.getAccountKey())).buildClient();
        assertEquals("secret", EmulatorClients.readString(sharedKeyOverTls.getFileSystemClient("identity").getFileClient("dir/readme.txt")));
        assertTrue(emulator.getCertificateAuthority().getCertificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void clientSecretBuysASignedStorageToken() throws Exception {
        final AdlsEmulator emulator = ADLS.getEmulator();
        final String token = tokenFor(emulator.getClientId(), emulator.getClientSecret(), "https://storage.azure.com/.default");
        final JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertEquals("https://storage.azure.com", claims.get("aud").asText());
        assertEquals(emulator.getTenantId(), claims.get("tid").asText());
        assertEquals(emulator.getClientId(), claims.get("appid").asText());
        assertEquals("secret", EmulatorClients.readString(bearerClient(token).getFileSystemClient("identity").getFileClient("dir/readme.txt")));

        final HttpResponse<String> wrongSecret = postToken(emulator.getTokenEndpoint(), form(emulator.getClientId(), "wrong-secret", "https://storage.azure.com/.default"));
        assertEquals(401, wrongSecret.statusCode());
        final JsonNode error = new ObjectMapper().readTree(wrongSecret.body());
        assertEquals("invalid_client", error.get("error").asText());
        assertTrue(error.get("error_description").asText().startsWith("AADSTS7000215"), wrongSecret.body());

        final HttpResponse<String> unknownTenant = postToken(emulator.getHttpsAuthorityHost() + "/other-tenant/oauth2/v2.0/token",
                form(emulator.getClientId(), emulator.getClientSecret(), "https://storage.azure.com/.default"));
        assertEquals(400, unknownTenant.statusCode());
        assertTrue(unknownTenant.body().contains("AADSTS90002"), unknownTenant.body());
    }

    @Test
    void storageRefusesTokensItMustNotTake() throws Exception {
        final AdlsEmulator emulator = ADLS.getEmulator();
        assertRefused(bearerClient("not.a-jwt.at-all"), "JWT is not well formed");
        final String otherAudience = tokenFor(emulator.getClientId(), emulator.getClientSecret(), "https://vault.azure.net/.default");
        assertRefused(bearerClient(otherAudience), "Audience validation failed");

        final String token = tokenFor(emulator.getClientId(), emulator.getClientSecret(), "https://storage.azure.com/.default");
        final String[] parts = token.split("\\.");
        final String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(emulator.getClientId(), "someone-else")
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(bearerClient(tampered), "Signature validation failed");

        CLOCK.advance(Duration.ofHours(2));
        try {
            assertRefused(bearerClient(token), "The token is expired");
        } finally {
            CLOCK.advance(Duration.ofHours(-2));
        }
        final String revoked = tokenFor(emulator.getClientId(), emulator.getClientSecret(), "https://storage.azure.com/.default");
        emulator.revokeTokens();
        assertRefused(bearerClient(revoked), "revoked");
    }

    @Test
    void bearerOverPlainHttpIsRefused() throws Exception {
        final AdlsEmulator emulator = ADLS.getEmulator();
        final String token = tokenFor(emulator.getClientId(), emulator.getClientSecret(), "https://storage.azure.com/.default");
        final String wrongKey = Base64.getEncoder().encodeToString(EmulatorClients.randomBytes(64, 10));
        final DataLakeServiceClient overHttp = new DataLakeServiceClientBuilder().endpoint(emulator.getEndpoint()).retryOptions(EmulatorClients.quickRetries())
                .credential(new StorageSharedKeyCredential(emulator.getAccountName(), wrongKey)).addPolicy(new BearerTokenPolicy(token)).buildClient();
        final DataLakeStorageException e = assertThrows(DataLakeStorageException.class,
                () -> overHttp.getFileSystemClient("identity").getFileClient("dir/readme.txt").getProperties());
        assertEquals(403, e.getStatusCode());

        final HttpResponse<String> tokenOverHttp = postToken(emulator.getTokenEndpoint().replace(emulator.getHttpsAuthorityHost(), "http://127.0.0.1:" + emulator.getPort()),
                form(emulator.getClientId(), emulator.getClientSecret(), "https://storage.azure.com/.default"));
        assertEquals(400, tokenOverHttp.statusCode());
    }

    @Test
    void managedIdentityEndpointWantsTheHostSecret() throws Exception {
        final AdlsEmulator emulator = ADLS.getEmulator();
        final String query = "?api-version=2019-08-01&resource=" + URLEncoder.encode("https://storage.azure.com", StandardCharsets.UTF_8);
        final HttpResponse<String> withoutSecret = trustingClient.send(HttpRequest.newBuilder(URI.create(emulator.getManagedIdentityEndpoint() + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, withoutSecret.statusCode());

        final HttpResponse<String> systemAssigned = managedIdentityToken(query);
        assertEquals(200, systemAssigned.statusCode(), systemAssigned.body());
        final JsonNode answer = new ObjectMapper().readTree(systemAssigned.body());
        // the emulator's clock, rounded up to the second: the token never expires before its client is told
        assertEquals((CLOCK.instant().plus(Duration.ofHours(1)).toEpochMilli() + 999) / 1000, Long.parseLong(answer.get("expires_on").asText()));
        assertEquals("secret", EmulatorClients.readString(bearerClient(answer.get("access_token").asText())
                .getFileSystemClient("identity").getFileClient("dir/readme.txt")));

        assertEquals(200, managedIdentityToken(query + "&client_id=user-assigned-id").statusCode());
        assertEquals(400, managedIdentityToken(query + "&client_id=not-on-this-host").statusCode());
    }

    private static HttpResponse<String> managedIdentityToken(final String query) throws Exception {
        return trustingClient.send(HttpRequest.newBuilder(URI.create(ADLS.getEmulator().getManagedIdentityEndpoint() + query))
                .header("X-IDENTITY-HEADER", ADLS.getEmulator().getManagedIdentityHeader()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(final DataLakeServiceClient client, final String detail) {
        final DataLakeStorageException e = assertThrows(DataLakeStorageException.class,
                () -> EmulatorClients.readBytes(client.getFileSystemClient("identity").getFileClient("dir/readme.txt")));
        assertEquals(401, e.getStatusCode());
        assertEquals("InvalidAuthenticationInfo", e.getErrorCode());
        assertTrue(String.valueOf(e.getServiceMessage()).contains(detail) || e.getMessage().contains(detail), e.getMessage());
    }

    /** The SDK over HTTPS with the emulator's authority trusted, and a credential that hands out the given token. */
    private static DataLakeServiceClient bearerClient(final String token) {
        return new DataLakeServiceClientBuilder().endpoint(ADLS.getEmulator().getHttpsEndpoint()).retryOptions(EmulatorClients.quickRetries())
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(ADLS.getEmulator().getCertificateAuthority().createClientContext())).build())
                .credential(request -> Mono.just(new AccessToken(token, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1))))
                .buildClient();
    }

    private static String tokenFor(final String clientId, final String secret, final String scope) throws Exception {
        final HttpResponse<String> response = postToken(ADLS.getEmulator().getTokenEndpoint(), form(clientId, secret, scope));
        assertEquals(200, response.statusCode(), response.body());
        final JsonNode json = new ObjectMapper().readTree(response.body());
        assertEquals("Bearer", json.get("token_type").asText());
        assertEquals(3600, json.get("expires_in").asLong());
        return json.get("access_token").asText();
    }

    private static String form(final String clientId, final String secret, final String scope) {
        return "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8) + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> postToken(final String url, final String form) throws Exception {
        return trustingClient.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
