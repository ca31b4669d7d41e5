package io.nififusion.testkit.adls;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's credentials the way the service does: Shared Key signatures, account and service SAS tokens,
 * and bearer tokens issued by the emulator's own token endpoint.
 */
final class RequestAuthenticator {

    private static final String SERVICE_SAS_LEGACY_VERSION = "2020-10-02";

    private final String accountName;
    private final byte[] accountKey;
    private final AccessTokenIssuer tokenIssuer;
    private final Clock clock;

    RequestAuthenticator(final String accountName, final String accountKeyBase64, final AccessTokenIssuer tokenIssuer) {
        this(accountName, accountKeyBase64, tokenIssuer, Clock.systemUTC());
    }

    /** @param clock the time SAS start and expiry times are checked against */
    RequestAuthenticator(final String accountName, final String accountKeyBase64, final AccessTokenIssuer tokenIssuer, final Clock clock) {
        this.accountName = accountName;
        this.accountKey = Base64.getDecoder().decode(accountKeyBase64);
        this.tokenIssuer = tokenIssuer;
        this.clock = clock;
    }

    /**
     * @param method HTTP method
     * @param rawPath path exactly as sent (still percent-encoded)
     * @param rawQuery query exactly as sent, or null
     * @param headers request headers, names in lower case
     * @param query decoded query parameters
     * @param access what the operation needs from a SAS
     * @param secure whether the request came over TLS: the service takes bearer tokens over HTTPS only
     */
    void authenticate(final String method, final String rawPath, final String rawQuery, final Map<String, List<String>> headers,
                      final Map<String, String> query, final RequiredAccess access, final boolean secure) {
        final String authorization = first(headers, "authorization");
        if (authorization != null && authorization.startsWith("SharedKey ")) {
            checkSharedKey(authorization.substring("SharedKey ".length()).trim(), method, rawPath, rawQuery, headers);
        } else if (authorization != null && authorization.startsWith("Bearer ")) {
            if (!secure) {
                throw authenticationFailed("Authentication scheme Bearer is not allowed with HTTP.");
            }
            tokenIssuer.check(authorization.substring("Bearer ".length()).trim());
        } else if (query.containsKey("sig")) {
            checkSas(query, access);
        } else {
            throw new AdlsServiceException(401, "NoAuthenticationInformation", "Server failed to authenticate the request. Please refer to the information in the www-authenticate header.");
        }
    }

    private void checkSharedKey(final String credential, final String method, final String rawPath, final String rawQuery,
                                final Map<String, List<String>> headers) {
        final int colon = credential.lastIndexOf(':');
        if (colon < 0 || !accountName.equals(credential.substring(0, colon))) {
            throw authenticationFailed("The account name in the Authorization header does not match the account.");
        }
        final String expected = hmac(accountKey, sharedKeyStringToSign(method, rawPath, rawQuery, headers));
        if (!constantTimeEquals(expected, credential.substring(colon + 1))) {
            throw authenticationFailed("The MAC signature found in the HTTP request is not the same as any computed signature.");
        }
    }

    String sharedKeyStringToSign(final String method, final String rawPath, final String rawQuery,
                                 final Map<String, List<String>> headers) {
        String contentLength = value(headers, "content-length");
        if ("0".equals(contentLength)) {
            contentLength = "";
        }
        final String date = headers.containsKey("x-ms-date") ? "" : value(headers, "date");
        final List<String> lines = new ArrayList<>();
        lines.add(method);
        lines.add(value(headers, "content-encoding"));
        lines.add(value(headers, "content-language"));
        lines.add(contentLength);
        lines.add(value(headers, "content-md5"));
        lines.add(value(headers, "content-type"));
        lines.add(date);
        lines.add(value(headers, "if-modified-since"));
        lines.add(value(headers, "if-match"));
        lines.add(value(headers, "if-none-match"));
        lines.add(value(headers, "if-unmodified-since"));
        lines.add(value(headers, "range"));
        final TreeMap<String, String> msHeaders = new TreeMap<>();
        for (final Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().startsWith("x-ms-")) {
                msHeaders.put(header.getKey(), String.join(",", header.getValue()));
            }
        }
        final StringBuilder canonicalHeaders = new StringBuilder();
        for (final Map.Entry<String, String> header : msHeaders.entrySet()) {
            if (!canonicalHeaders.isEmpty()) {
                canonicalHeaders.append('\n');
            }
            canonicalHeaders.append(header.getKey()).append(':').append(header.getValue());
        }
        lines.add(canonicalHeaders.toString());
        final StringBuilder resource = new StringBuilder("/").append(accountName).append(rawPath.isEmpty() ? "/" : rawPath);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            final TreeMap<String, List<String>> parameters = new TreeMap<>();
            for (final String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                final int equals = pair.indexOf('=');
                final String name = decode(equals < 0 ? pair : pair.substring(0, equals)).toLowerCase(Locale.ROOT);
                final String parameterValue = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.computeIfAbsent(name, ignored -> new ArrayList<>()).addAll(Arrays.asList(parameterValue.split(",")));
            }
            for (final Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
                final List<String> values = new ArrayList<>(parameter.getValue());
                Collections.sort(values);
                resource.append('\n').append(parameter.getKey()).append(':').append(String.join(",", values));
            }
        }
        lines.add(resource.toString());
        return String.join("\n", lines);
    }

    private void checkSas(final Map<String, String> query, final RequiredAccess access) {
        final String signature = query.get("sig");
        final String version = query.getOrDefault("sv", "");
        final Instant now = clock.instant();
        final Instant start = parseSasTime(query.get("st"));
        final Instant expiry = parseSasTime(query.get("se"));
        if (expiry == null) {
            throw authenticationFailed("Signed expiry time is required.");
        }
        if (query.containsKey("ss")) {
            final String[] candidates = {
                String.join("\n", accountName, get(query, "sp"), get(query, "ss"), get(query, "srt"), get(query, "st"),
                        get(query, "se"), get(query, "sip"), get(query, "spr"), version, ""),
                String.join("\n", accountName, get(query, "sp"), get(query, "ss"), get(query, "srt"), get(query, "st"),
                        get(query, "se"), get(query, "sip"), get(query, "spr"), version, get(query, "ses"), "")
            };
            checkSignature(signature, candidates);
            checkTimes(start, expiry, now);
            checkProtocol(query);
            if (!get(query, "ss").contains("b")) {
                throw permissionMismatch("This request is not authorized to perform this operation using this resource type.", "AuthorizationServiceMismatch");
            }
            if (get(query, "srt").indexOf(access.resourceType()) < 0) {
                throw permissionMismatch("This request is not authorized to perform this operation using this resource type.", "AuthorizationResourceTypeMismatch");
            }
            requireAnyPermission(get(query, "sp"), access.accountPermissions());
            return;
        }
        final String resource = get(query, "sr");
        final String canonicalName = canonicalServiceSasName(resource, access, query);
        final String legacy = String.join("\n", get(query, "sp"), get(query, "st"), get(query, "se"), canonicalName,
                get(query, "si"), get(query, "sip"), get(query, "spr"), version, resource, "", get(query, "rscc"),
                get(query, "rscd"), get(query, "rsce"), get(query, "rscl"), get(query, "rsct"));
        final String current = String.join("\n", get(query, "sp"), get(query, "st"), get(query, "se"), canonicalName,
                get(query, "si"), get(query, "sip"), get(query, "spr"), version, resource, "", get(query, "ses"),
                get(query, "rscc"), get(query, "rscd"), get(query, "rsce"), get(query, "rscl"), get(query, "rsct"));
        checkSignature(signature, version.compareTo(SERVICE_SAS_LEGACY_VERSION) <= 0 ? new String[] {legacy} : new String[] {current});
        checkTimes(start, expiry, now);
        checkProtocol(query);
        requireAnyPermission(get(query, "sp"), access.servicePermissions());
    }

    /** The canonical name the token must have been signed for, given the resource it is used on. */
    private String canonicalServiceSasName(final String resource, final RequiredAccess access, final Map<String, String> query) {
        if (access.fileSystem() == null) {
            throw permissionMismatch("A service SAS cannot authorize a service-level operation.", "AuthorizationResourceTypeMismatch");
        }
        final String base = "/blob/" + accountName + "/" + access.fileSystem();
        switch (resource) {
            case "c":
                return base;
            case "b":
                return base + "/" + access.path();
            case "d": {
                // A directory SAS covers the directory named by its depth: that many leading segments of the path.
                final int depth = get(query, "sdd").isEmpty() ? 0 : Integer.parseInt(get(query, "sdd"));
                final String[] segments = access.path().split("/");
                if (depth > segments.length || access.path().isEmpty()) {
                    throw authenticationFailed("The directory SAS does not cover this path.");
                }
                return base + "/" + String.join("/", Arrays.copyOf(segments, depth));
            }
            default:
                throw authenticationFailed("Signed resource is not valid.");
        }
    }

    private void checkSignature(final String signature, final String[] candidates) {
        for (final String candidate : candidates) {
            if (constantTimeEquals(hmac(accountKey, candidate), signature)) {
                return;
            }
        }
        throw authenticationFailed("Signature did not match. String to sign used was " + candidates[candidates.length - 1].replace("\n", "\\n"));
    }

    private static void checkTimes(final Instant start, final Instant expiry, final Instant now) {
        if (now.isAfter(expiry) || (start != null && now.isBefore(start.minusSeconds(1)))) {
            throw authenticationFailed("Signed expiry time [" + expiry + "] must be after signed start time and the current time [" + now + "].");
        }
    }

    private static void checkProtocol(final Map<String, String> query) {
        final String protocol = get(query, "spr");
        if (!protocol.isEmpty() && !protocol.contains("http,") && !"http".equals(protocol)) {
            throw new AdlsServiceException(403, "AuthorizationProtocolMismatch", "This request is not authorized to perform this operation using this protocol.");
        }
    }

    private static void requireAnyPermission(final String granted, final String needed) {
        for (final char permission : needed.toCharArray()) {
            if (granted.indexOf(permission) >= 0) {
                return;
            }
        }
        throw permissionMismatch("This request is not authorized to perform this operation using this permission.", "AuthorizationPermissionMismatch");
    }

    private static Instant parseSasTime(final String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (final DateTimeParseException e) {
            try {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (final DateTimeParseException invalid) {
                throw authenticationFailed("Signed time is not valid: " + value);
            }
        }
    }

    static String hmac(final byte[] key, final String stringToSign) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static boolean constantTimeEquals(final String expected, final String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static AdlsServiceException authenticationFailed(final String detail) {
        return new AdlsServiceException(403, "AuthenticationFailed",
                "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature. " + detail);
    }

    private static AdlsServiceException permissionMismatch(final String message, final String code) {
        return new AdlsServiceException(403, code, message);
    }

    private static String get(final Map<String, String> query, final String name) {
        final String value = query.get(name);
        return value == null ? "" : value;
    }

    private static String first(final Map<String, List<String>> headers, final String name) {
        final List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static String value(final Map<String, List<String>> headers, final String name) {
        final List<String> values = headers.get(name);
        return values == null ? "" : String.join(",", values);
    }

    private static String decode(final String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
