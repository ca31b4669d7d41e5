package io.nififusion.services.target;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the target filesystem is: account, filesystem, the DFS endpoint URL the SDK talks to, and the host used in
 * {@code abfs[s]://} transit URIs.
 *
 * @param accountName storage account name
 * @param fileSystemName filesystem (container) name
 * @param endpointUrl DFS service endpoint, such as {@code https://acct.dfs.core.windows.net} or {@code http://127.0.0.1:10004/acct}
 * @param transitHost host of transit URIs: {@code <account>.<suffix>}; for custom endpoints {@code <account>.dfs.core.windows.net},
 *                    the name Hadoop's ABFS driver uses for an account reached through an endpoint override
 */
public record StorageEndpoint(String accountName, String fileSystemName, String endpointUrl, String transitHost) {

    static StorageEndpoint forCloud(final String accountName, final String fileSystemName, final String suffix) {
        final String host = accountName + "." + suffix;
        return new StorageEndpoint(accountName, fileSystemName, "https://" + host, host);
    }

    /**
     * A custom endpoint URL. An IP-literal or localhost URL without a path gets {@code /<account>} appended, because the
     * SDK addresses such hosts path-style; any other URL is used as given.
     */
    static StorageEndpoint forCustom(final String accountName, final String fileSystemName, final String customEndpoint) {
        final URI uri = URI.create(customEndpoint.strip());
        final String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String url = stripTrailingSlash(uri.toString());
        if (LoopbackHosts.isPathStyle(uri.getHost()) && (path.isEmpty() || "/".equals(path))) {
            url = url + "/" + accountName;
        }
        return new StorageEndpoint(accountName, fileSystemName, url, accountName + "." + EndpointSuffix.AZURE_PUBLIC.getSuffix());
    }

    /** Whether requests go over HTTPS. */
    public boolean isSecure() {
        return endpointUrl.toLowerCase(Locale.ROOT).startsWith("https://");
    }

    /** {@code abfss://<filesystem>@<transit host>/<path>}, or {@code abfs://} for a plain-HTTP endpoint. */
    public String transitUri(final String targetPath) {
        final String path = targetPath == null ? "" : targetPath.replaceFirst("^/+", "");
        try {
            return new URI(isSecure() ? "abfss" : "abfs", fileSystemName, transitHost, -1, "/" + path, null, null).toASCIIString();
        } catch (final URISyntaxException e) {
            throw new IllegalArgumentException("Cannot build a transit URI for target path [" + targetPath + "]", e);
        }
    }

    private static String stripTrailingSlash(final String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
