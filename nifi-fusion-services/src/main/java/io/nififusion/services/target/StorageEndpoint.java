package io.nififusion.services.target;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the target filesystem is: account, filesystem, and the DFS endpoint URL the SDK talks to.
 *
 * @param accountName storage account name
 * @param fileSystemName filesystem (container) name
 * @param endpointUrl DFS service endpoint, such as {@code https://acct.dfs.core.windows.net} or {@code http://127.0.0.1:10004/acct}
 * @param custom whether the endpoint is a Custom Endpoint rather than the account's name in an Azure cloud
 */
public record StorageEndpoint(String accountName, String fileSystemName, String endpointUrl, boolean custom) {

    static StorageEndpoint forCloud(final String accountName, final String fileSystemName, final String suffix) {
        return new StorageEndpoint(accountName, fileSystemName, "https://" + accountName + "." + suffix, false);
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
        return new StorageEndpoint(accountName, fileSystemName, url, true);
    }

    /**
     * The Microsoft Entra authority host for this endpoint when none is configured: that of the cloud whose suffix the
     * endpoint's host ends with, the public cloud's for any other host (a private endpoint, an emulator).
     */
    public String defaultAuthorityHost() {
        final EndpointSuffix cloud = EndpointSuffix.ofHost(URI.create(endpointUrl).getHost());
        return (cloud == null ? EndpointSuffix.AZURE_PUBLIC : cloud).getAuthorityHost();
    }

    /** Whether requests go over HTTPS. */
    public boolean isSecure() {
        return endpointUrl.toLowerCase(Locale.ROOT).startsWith("https://");
    }

    /**
     * The URI of a target path at the endpoint requests really go to: {@code abfss://<filesystem>@<account>.<suffix>/<path>}
     * in an Azure cloud, the name Hadoop, Spark and Hive on HDInsight use for the same file; at a custom endpoint the path's
     * URL there, {@code <endpoint>/<filesystem>/<path>}, since an {@code abfss://} name would claim a host never contacted.
     */
    public String transitUri(final String targetPath) {
        final String path = "/" + (targetPath == null ? "" : targetPath.replaceFirst("^/+", ""));
        try {
            if (!custom) {
                return new URI("abfss", fileSystemName, URI.create(endpointUrl).getHost(), -1, path, null, null).toASCIIString();
            }
            final URI endpoint = URI.create(endpointUrl);
            final String endpointPath = endpoint.getPath() == null ? "" : stripTrailingSlash(endpoint.getPath());
            return new URI(endpoint.getScheme(), endpoint.getAuthority(), endpointPath + "/" + fileSystemName + path, null, null).toASCIIString();
        } catch (final URISyntaxException e) {
            throw new IllegalArgumentException("Cannot build a transit URI for target path [" + targetPath + "]", e);
        }
    }

    private static String stripTrailingSlash(final String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
