package io.nififusion.testkit.adls;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request the emulator received, kept for test assertions.
 *
 * @param method HTTP method
 * @param path decoded request path, starting with {@code /<account>}
 * @param query decoded query string, empty when absent
 * @param headers request headers, names in lower case
 * @param status HTTP status answered, or -1 when the connection was reset on purpose
 * @param errorCode {@code x-ms-error-code} answered, or null
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
                              int status, String errorCode, Instant receivedAt) {

    /**
     * @param name header name, any case
     * @return first value of the header or null
     */
    public String header(final String name) {
        final List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /**
     * @param parameter query parameter name
     * @return true when the decoded query contains {@code parameter=} or the bare parameter
     */
    public boolean hasQueryParameter(final String parameter) {
        for (final String pair : query.split("&")) {
            if (pair.equals(parameter) || pair.startsWith(parameter + "=")) {
                return true;
            }
        }
        return false;
    }
}
