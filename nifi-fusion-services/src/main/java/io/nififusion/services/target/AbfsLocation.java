package io.nififusion.services.target;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A storage location named the way Hadoop's ABFS driver names it: {@code abfs[s]://<filesystem>@<account>.<suffix>/},
 * such as the {@code fs.defaultFS} of an HDInsight cluster whose default storage is ADLS Gen2.
 *
 * @param fileSystem filesystem (container) name
 * @param accountName storage account name
 * @param endpointSuffix DNS suffix after the account, such as {@code dfs.core.windows.net}
 */
public record AbfsLocation(String fileSystem, String accountName, String endpointSuffix) {

    public static AbfsLocation parse(final String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("No storage URI given");
        }
        final URI parsed;
        try {
            parsed = new URI(uri.strip());
        } catch (final URISyntaxException e) {
            throw new IllegalArgumentException("Storage URI [" + uri + "] is not a URI");
        }
        final String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!"abfs".equals(scheme) && !"abfss".equals(scheme)) {
            throw new IllegalArgumentException("Storage URI [" + uri + "] is not ADLS Gen2 (abfs:// or abfss://); the cluster's default storage must be ADLS Gen2");
        }
        final String authority = parsed.getRawAuthority();
        final int at = authority == null ? -1 : authority.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("Storage URI [" + uri + "] must have the form abfs[s]://<filesystem>@<account>.dfs.<suffix>/");
        }
        final String host = authority.substring(at + 1).toLowerCase(Locale.ROOT);
        final int dot = host.indexOf('.');
        if (dot <= 0 || dot == host.length() - 1) {
            throw new IllegalArgumentException("Storage URI [" + uri + "] has no <account>.<suffix> host");
        }
        final String suffix = host.substring(dot + 1).replaceFirst(":\\d+$", "");
        return new AbfsLocation(authority.substring(0, at), host.substring(0, dot), suffix);
    }

    @Override
    public String toString() {
        return "abfss://" + fileSystem + "@" + accountName + "." + endpointSuffix + "/";
    }
}
