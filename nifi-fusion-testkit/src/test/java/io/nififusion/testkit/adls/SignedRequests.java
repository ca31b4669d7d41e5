package io.nififusion.testkit.adls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written by hand the way a client other than the DataLake SDK sends them (Hadoop's ABFS driver: PUT with
 * {@code X-HTTP-Method-Override}, calls on the filesystem root), signed with Shared Key.
 */
final class SignedRequests {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final AdlsEmulator emulator;
    private final HttpClient client = HttpClient.newHttpClient();

    SignedRequests(final AdlsEmulator emulator) {
        this.emulator = emulator;
    }

    /**
     * @param method HTTP method on the wire
     * @param pathAndQuery raw path after the account ({@code /fs/dir/file?action=append&position=0})
     * @param headers extra headers (x-ms-*, X-HTTP-Method-Override, If-None-Match)
     * @param body request body, empty for none
     */
    HttpResponse<String> send(final String method, final String pathAndQuery, final Map<String, String> headers, final byte[] body)
            throws IOException, InterruptedException {
        final String rawPath = "/" + emulator.getAccountName() + (pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery);
        final String rawQuery = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : null;
        final Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("x-ms-date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        all.put("x-ms-version", "2023-11-03");
        final Map<String, List<String>> signed = new LinkedHashMap<>();
        for (final Map.Entry<String, String> header : all.entrySet()) {
            signed.put(header.getKey().toLowerCase(Locale.ROOT), List.of(header.getValue()));
        }
        if (body.length > 0) {
            signed.put("content-length", List.of(Integer.toString(body.length)));
        }
        final RequestAuthenticator signer = new RequestAuthenticator(emulator.getAccountName(), emulator.getAccountKey(), null);
        final String signature = RequestAuthenticator.hmac(Base64.getDecoder().decode(emulator.getAccountKey()),
                signer.sharedKeyStringToSign(method, rawPath, rawQuery, signed));
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emulator.getPort() + rawPath + (rawQuery == null ? "" : "?" + rawQuery)))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "SharedKey " + emulator.getAccountName() + ":" + signature);
        for (final Map.Entry<String, String> header : all.entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> headers(final String... namesAndValues) {
        final Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
