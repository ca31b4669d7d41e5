package io.nififusion.services.target;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Host names that stay on this machine, judged from the text alone (no DNS lookup, so a name cannot be pointed
 * elsewhere later): plain HTTP is allowed only to these.
 */
final class LoopbackHosts {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private LoopbackHosts() {
    }

    static boolean isLoopback(final String host) {
        if (host == null) {
            return false;
        }
        final String normalized = host.toLowerCase(Locale.ROOT);
        return "localhost".equals(normalized) || "[::1]".equals(normalized) || "::1".equals(normalized)
                || IPV4_LOOPBACK.matcher(normalized).matches();
    }

    /** IP literals and localhost get path-style URLs from the Azure SDK: the account is the first path segment. */
    static boolean isPathStyle(final String host) {
        return isLoopback(host) || (host != null && (IPV4.matcher(host).matches() || host.startsWith("[")));
    }
}
