package io.nififusion.services.target;

import org.apache.nifi.components.DescribedValue;

import java.util.Locale;

/**
 * The Azure cloud of the storage account, by the DNS suffix of its DFS endpoint, or a custom endpoint URL. Each cloud
 * has its own Microsoft Entra authority host, where service principals get their tokens.
 */
public enum EndpointSuffix implements DescribedValue {
    AZURE_PUBLIC("dfs.core.windows.net", "Azure Public Cloud", "https://<account>.dfs.core.windows.net; tokens from https://login.microsoftonline.com/",
            "https://login.microsoftonline.com/"),
    AZURE_CHINA("dfs.core.chinacloudapi.cn", "Azure China", "https://<account>.dfs.core.chinacloudapi.cn; tokens from https://login.chinacloudapi.cn/",
            "https://login.chinacloudapi.cn/"),
    AZURE_US_GOVERNMENT("dfs.core.usgovcloudapi.net", "Azure US Government",
            "https://<account>.dfs.core.usgovcloudapi.net; tokens from https://login.microsoftonline.us/", "https://login.microsoftonline.us/"),
    CUSTOM("custom", "Custom Endpoint",
            "The endpoint URL given in Custom Endpoint: a private endpoint, a sovereign cloud not listed, or an emulator on a loopback address; "
                    + "tokens from the Authority Host, or the public cloud's when it is empty", null);

    private final String suffix;
    private final String displayName;
    private final String description;
    private final String authorityHost;

    EndpointSuffix(final String suffix, final String displayName, final String description, final String authorityHost) {
        this.suffix = suffix;
        this.displayName = displayName;
        this.description = description;
        this.authorityHost = authorityHost;
    }

    /** The Microsoft Entra authority host of the cloud, such as {@code https://login.microsoftonline.com/}; null for {@link #CUSTOM}. */
    public String getAuthorityHost() {
        return authorityHost;
    }

    /** The cloud whose DFS endpoints end with the host's suffix, or null when the host is in none of them. */
    static EndpointSuffix ofHost(final String host) {
        if (host == null) {
            return null;
        }
        final String lowerHost = host.toLowerCase(Locale.ROOT);
        for (final EndpointSuffix cloud : values()) {
            if (cloud.authorityHost != null && lowerHost.endsWith("." + cloud.suffix)) {
                return cloud;
            }
        }
        return null;
    }

    /** Whether the authority host is one of a listed cloud, where Microsoft Entra clients may discover instance metadata. */
    static boolean isCloudAuthorityHost(final String authorityHost) {
        for (final EndpointSuffix cloud : values()) {
            if (cloud.authorityHost != null && cloud.authorityHost.equalsIgnoreCase(withTrailingSlash(authorityHost))) {
                return true;
            }
        }
        return false;
    }

    private static String withTrailingSlash(final String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    /** The DNS suffix after the account name, such as {@code dfs.core.windows.net}; {@code custom} for {@link #CUSTOM}. */
    public String getSuffix() {
        return suffix;
    }

    @Override
    public String getValue() {
        return suffix;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
