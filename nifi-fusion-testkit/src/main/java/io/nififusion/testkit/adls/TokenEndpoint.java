package io.nififusion.testkit.adls;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two places the emulator hands out access tokens:
 * <ul>
 *     <li>Microsoft Entra ID's v2 token endpoint, {@code POST /<tenant>/oauth2/v2.0/token}, HTTPS only: the client
 *     credentials grant with a {@code client_secret}, or with a {@code client_assertion} (a JWT the client signed with
 *     its certificate's key; checked against the certificates registered for the application: thumbprint, signature,
 *     audience = this endpoint's URL, issuer = subject = client ID, lifetime);</li>
 *     <li>a host's managed identity endpoint in the App Service form ({@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER}):
 *     {@code GET /msi/token?api-version=2019-08-01&resource=...[&client_id=...]} with the {@code X-IDENTITY-HEADER} secret.</li>
 * </ul>
 * Errors have the shapes of those services ({@code error}, {@code error_description} with the AADSTS code).
 */
final class TokenEndpoint {
    static final String MANAGED_IDENTITY_PATH = "/msi/token";
    private static final String TOKEN_PATH_SUFFIX = "/oauth2/v2.0/token";
    private static final String JSON = "application/json;charset=utf-8";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final String DEFAULT_SCOPE_SUFFIX = "/.default";
    private static final Set<String> OPENID_SCOPES = Set.of("openid", "profile", "offline_access");

    private final String tenantId;
    private final IdentityDirectory directory;
    private final AccessTokenIssuer issuer;
    private final AtomicInteger tokenRequests = new AtomicInteger();

    TokenEndpoint(final String tenantId, final IdentityDirectory directory, final AccessTokenIssuer issuer) {
        this.tenantId = tenantId;
        this.directory = directory;
        this.issuer = issuer;
    }

    /** Why the directory refuses a client's credential: an AADSTS code and its description. */
    private record Refusal(int code, String description) {
    }

    static boolean isTokenRequest(final String method, final String decodedPath) {
        return ("POST".equals(method) && decodedPath.endsWith(TOKEN_PATH_SUFFIX) && decodedPath.indexOf('/', 1) == decodedPath.length() - TOKEN_PATH_SUFFIX.length())
                || ("GET".equals(method) && (MANAGED_IDENTITY_PATH.equals(decodedPath) || (MANAGED_IDENTITY_PATH + "/").equals(decodedPath)));
    }

    /** How many token requests were answered, granted or refused. */
    int requestCount() {
        return tokenRequests.get();
    }

    /**
     * @param requestUrl the URL the request was sent to, scheme and authority from the connection and Host header
     * @param secure whether the request came over TLS
     */
    EmulatorResponse answer(final String method, final String decodedPath, final Map<String, String> query, final Map<String, List<String>> headers,
                            final byte[] body, final String requestUrl, final boolean secure) {
        tokenRequests.incrementAndGet();
        if ("GET".equals(method)) {
            return managedIdentityToken(query, headers);
        }
        if (!secure) {
            return aadError(400, "invalid_request", 900561, "The token endpoint is served over HTTPS only.");
        }
        final String requestedTenant = decodedPath.substring(1, decodedPath.length() - TOKEN_PATH_SUFFIX.length());
        if (!tenantId.equals(requestedTenant)) {
            return aadError(400, "invalid_request", 90002, "Tenant '" + requestedTenant + "' not found. Check to make sure you have the correct tenant ID "
                    + "and are signing into the correct cloud.");
        }
        final Map<String, String> form = parseForm(new String(body, StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return aadError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '" + form.get("grant_type") + "'.");
        }
        final String scope = resourceScope(form.get("scope"));
        if (scope == null) {
            return aadError(400, "invalid_scope", 1002012, "The provided value for scope " + form.get("scope") + " is not valid. Client credential flows "
                    + "must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }
        final IdentityDirectory.Application application = directory.application(form.get("client_id"));
        if (application == null) {
            return aadError(400, "unauthorized_client", 700016, "Application with identifier '" + form.get("client_id")
                    + "' was not found in the directory '" + tenantId + "'.");
        }
        final Refusal refusal = form.containsKey("client_assertion")
                ? checkAssertion(application, form, requestUrl)
                : checkSecret(application, form.get("client_secret"));
        if (refusal != null) {
            return aadError(401, "invalid_client", refusal.code(), refusal.description());
        }
        final String audience = scope.substring(0, scope.length() - DEFAULT_SCOPE_SUFFIX.length());
        final String token = issuer.issue(audience, application.clientId(), application.objectId()).token();
        final long lifetime = issuer.getLifetime().toSeconds();
        final ObjectNode answer = JsonWebToken.newObject().put("token_type", "Bearer").put("expires_in", lifetime)
                .put("ext_expires_in", lifetime).put("access_token", token);
        return new EmulatorResponse(200).header("Cache-Control", "no-store, no-cache").body(JSON, answer.toString());
    }

    /**
     * The one resource scope ({@code <resource>/.default}) of a client credentials request; the OpenID Connect scopes
     * MSAL adds to every request ({@code openid profile offline_access}) are ignored, as Entra ID ignores them here.
     */
    private static String resourceScope(final String scopes) {
        String resource = null;
        for (final String scope : scopes == null ? new String[0] : scopes.strip().split("\\s+")) {
            if (OPENID_SCOPES.contains(scope)) {
                continue;
            }
            if (resource != null || !scope.endsWith(DEFAULT_SCOPE_SUFFIX)) {
                return null;
            }
            resource = scope;
        }
        return resource;
    }

    private static Refusal checkSecret(final IdentityDirectory.Application application, final String secret) {
        if (secret == null || secret.isEmpty()) {
            return new Refusal(7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
        }
        if (!application.hasSecret(secret)) {
            return new Refusal(7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, "
                    + "not the client secret ID, for a secret added to app '" + application.clientId() + "'.");
        }
        return null;
    }

    private Refusal checkAssertion(final IdentityDirectory.Application application, final Map<String, String> form, final String requestUrl) {
        if (!JWT_BEARER.equals(form.get("client_assertion_type"))) {
            return new Refusal(7000216, "client_assertion_type must be " + JWT_BEARER + ".");
        }
        final JsonWebToken assertion;
        try {
            assertion = JsonWebToken.parse(form.get("client_assertion"));
        } catch (final JsonWebToken.MalformedTokenException e) {
            return new Refusal(50027, "JWT token is invalid or malformed. " + e.getMessage());
        }
        final X509Certificate certificate = application.certificateByThumbprint(assertion.headerValue("x5t"), assertion.headerValue("x5t#S256"));
        if (certificate == null) {
            return new Refusal(700027, "The certificate with identifier used to sign the client assertion is not registered on application "
                    + application.clientId() + ".");
        }
        if (!assertion.isSignedBy(certificate.getPublicKey())) {
            return new Refusal(700027, "Client assertion contains an invalid signature.");
        }
        if (!requestUrl.equals(assertion.claim("aud"))) {
            return new Refusal(700016, "The audience claim of the client assertion [" + assertion.claim("aud") + "] is not the token endpoint " + requestUrl + ".");
        }
        if (!application.clientId().equals(assertion.claim("iss")) || !application.clientId().equals(assertion.claim("sub"))) {
            return new Refusal(700021, "Client assertion application identifier doesn't match 'client_id' parameter.");
        }
        final long now = issuer.getClock().instant().getEpochSecond();
        final Long expiry = assertion.timeClaim("exp");
        final Long notBefore = assertion.timeClaim("nbf");
        if (expiry == null || now >= expiry) {
            return new Refusal(700024, "Client assertion is not within its valid time range.");
        }
        if (notBefore != null && now < notBefore) {
            return new Refusal(700024, "Client assertion is not within its valid time range.");
        }
        if (assertion.claim("jti") == null) {
            return new Refusal(700023, "The client assertion has no jti claim.");
        }
        return null;
    }

    private EmulatorResponse managedIdentityToken(final Map<String, String> query, final Map<String, List<String>> headers) {
        final List<String> secrets = headers.get("x-identity-header");
        if (secrets == null || secrets.isEmpty() || !directory.managedIdentityHeader().equals(secrets.getFirst())) {
            return managedIdentityError(401, "The X-IDENTITY-HEADER header is missing or not the host's identity secret.");
        }
        final String resource = query.get("resource");
        if (!"2019-08-01".equals(query.get("api-version")) || resource == null || resource.isBlank()) {
            return managedIdentityError(400, "api-version 2019-08-01 and resource are required.");
        }
        final String clientId = query.get("client_id");
        final String objectId;
        final String applicationId;
        if (query.containsKey("mi_res_id") || query.containsKey("principal_id")) {
            return managedIdentityError(400, "No Managed Identity found for specified ClientId/ResourceId/PrincipalId.");
        } else if (clientId == null) {
            objectId = directory.systemAssignedObjectId();
            applicationId = objectId;
        } else {
            objectId = directory.userAssignedObjectId(clientId);
            applicationId = clientId;
            if (objectId == null) {
                return managedIdentityError(400, "No Managed Identity found for specified ClientId/ResourceId/PrincipalId.");
            }
        }
        final String audience = resource.endsWith(DEFAULT_SCOPE_SUFFIX) ? resource.substring(0, resource.length() - DEFAULT_SCOPE_SUFFIX.length()) : resource;
        final AccessTokenIssuer.IssuedToken issued = issuer.issue(audience, applicationId, objectId);
        final ObjectNode answer = JsonWebToken.newObject().put("access_token", issued.token()).put("expires_on", Long.toString(issued.expiresOn()))
                .put("resource", resource).put("token_type", "Bearer").put("client_id", applicationId);
        return new EmulatorResponse(200).body(JSON, answer.toString());
    }

    private static EmulatorResponse managedIdentityError(final int status, final String message) {
        final ObjectNode answer = JsonWebToken.newObject().put("statusCode", status).put("message", message)
                .put("error", status == 401 ? "unauthorized" : "invalid_request").put("error_description", message)
                .put("correlationId", UUID.randomUUID().toString());
        return new EmulatorResponse(status).body(JSON, answer.toString());
    }

    private static EmulatorResponse aadError(final int status, final String error, final int code, final String description) {
        final ObjectNode answer = JsonWebToken.newObject().put("error", error)
                .put("error_description", "AADSTS" + code + ": " + description)
                .put("timestamp", Instant.now().toString())
                .put("trace_id", UUID.randomUUID().toString())
                .put("correlation_id", UUID.randomUUID().toString());
        answer.putArray("error_codes").add(code);
        return new EmulatorResponse(status).header("Cache-Control", "no-store, no-cache").body(JSON, answer.toString());
    }

    private static Map<String, String> parseForm(final String form) {
        final Map<String, String> fields = new LinkedHashMap<>();
        for (final String pair : form.split("&")) {
            final int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
