package io.nififusion.testkit.adls.traffic;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The name a request is counted under: its effective method (after {@code X-HTTP-Method-Override}) and the operation
 * its query or headers select, e.g. {@code PATCH append}, {@code PATCH flush}, {@code PUT create}, {@code PUT rename},
 * {@code HEAD properties}, {@code GET read}, {@code GET list}, {@code DELETE delete}.
 */
public final class RequestKind {

    private RequestKind() {
    }

    /**
     * @param wireMethod the method on the wire
     * @param methodOverride value of {@code X-HTTP-Method-Override}, or null
     * @param rawQuery the raw query string, or null
     * @param renameSource value of {@code x-ms-rename-source}, or null
     */
    public static String of(final String wireMethod, final String methodOverride, final String rawQuery, final String renameSource) {
        final String method = (methodOverride == null || methodOverride.isBlank() ? wireMethod : methodOverride).toUpperCase(Locale.ROOT);
        final String action = parameter(rawQuery, "action");
        final String resource = parameter(rawQuery, "resource");
        final String operation;
        if (renameSource != null && !renameSource.isBlank()) {
            operation = "rename";
        } else if (action != null) {
            operation = action;
        } else if ("container".equals(parameter(rawQuery, "restype"))) {
            operation = parameter(rawQuery, "comp") == null ? "container" : "container-" + parameter(rawQuery, "comp");
        } else if (resource != null) {
            operation = switch (method) {
                case "PUT" -> "create-" + resource;
                case "GET" -> "list";
                default -> resource;
            };
        } else {
            operation = switch (method) {
                case "GET" -> "read";
                case "HEAD" -> "properties";
                case "DELETE" -> "delete";
                case "PATCH" -> "update";
                case "PUT" -> "put";
                default -> "other";
            };
        }
        return method + " " + operation;
    }

    static String parameter(final String rawQuery, final String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        for (final String pair : rawQuery.split("&")) {
            final int equals = pair.indexOf('=');
            final String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equalsIgnoreCase(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
