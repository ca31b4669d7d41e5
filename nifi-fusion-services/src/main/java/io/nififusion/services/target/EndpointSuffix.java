package io.nififusion.services.target;

import org.apache.nifi.components.DescribedValue;

/** The Azure cloud of the storage account, by the DNS suffix of its DFS endpoint, or a custom endpoint URL. */
public enum EndpointSuffix implements DescribedValue {
    AZURE_PUBLIC("dfs.core.windows.net", "Azure Public Cloud", "https://<account>.dfs.core.windows.net"),
    AZURE_CHINA("dfs.core.chinacloudapi.cn", "Azure China", "https://<account>.dfs.core.chinacloudapi.cn"),
    AZURE_US_GOVERNMENT("dfs.core.usgovcloudapi.net", "Azure US Government", "https://<account>.dfs.core.usgovcloudapi.net"),
    CUSTOM("custom", "Custom Endpoint",
            "The endpoint URL given in Custom Endpoint: a private endpoint, a sovereign cloud not listed, or an emulator on a loopback address");

    private final String suffix;
    private final String displayName;
    private final String description;

    EndpointSuffix(final String suffix, final String displayName, final String description) {
        this.suffix = suffix;
        this.displayName = displayName;
        this.description = description;
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
