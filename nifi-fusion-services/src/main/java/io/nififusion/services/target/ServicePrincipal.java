package io.nififusion.services.target;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.AadCredentialBuilderBase;

import java.time.Duration;
import java.util.Locale;

/**
 * A Microsoft Entra ID application: its tenant, client ID and, when it is not that of the storage endpoint's cloud, the
 * authority host.
 *
 * @param tenantId directory (tenant) ID
 * @param clientId application (client) ID
 * @param authorityHost authority host, null for that of the endpoint's cloud ({@link StorageEndpoint#defaultAuthorityHost()})
 */
public record ServicePrincipal(String tenantId, String clientId, String authorityHost) {
    private static final String USED_FOR = "a service principal";

    public ServicePrincipal {
        tenantId = InvalidCredentialsException.required(tenantId, "Tenant ID", USED_FOR);
        clientId = InvalidCredentialsException.required(clientId, "Client ID", USED_FOR);
        authorityHost = authorityHost == null || authorityHost.isBlank() ? null : authorityHost.strip();
        if (authorityHost != null && !authorityHost.toLowerCase(Locale.ROOT).startsWith("https://")) {
            throw new InvalidCredentialsException("Authority Host",
                    "Authority Host must use https:// (Microsoft Entra ID clients refuse plain HTTP authorities)");
        }
    }

    /** Token requests retried like storage requests: as many tries, from half a second up to four seconds apart. */
    static RetryOptions tokenRetries(final int tries) {
        return new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(Math.max(0, tries - 1))
                .setBaseDelay(Duration.ofMillis(500)).setMaxDelay(Duration.ofSeconds(4)));
    }

    /** The authority host tokens are requested from for the endpoint. */
    String authorityHostFor(final StorageEndpoint endpoint) {
        return authorityHost == null ? endpoint.defaultAuthorityHost() : authorityHost;
    }

    /**
     * Sets tenant, client ID, authority host and transport on a Microsoft Entra ID credential builder. Instance discovery
     * (a metadata request to the public cloud's login host) stays on for the listed clouds and is switched off for any
     * other authority host, such as a private cloud's, which the public cloud knows nothing about.
     */
    <T extends AadCredentialBuilderBase<T>> T configure(final T builder, final StorageEndpoint endpoint, final HttpConnectionSettings connections,
                                                        final int tries) {
        final String authority = authorityHostFor(endpoint);
        builder.tenantId(tenantId).clientId(clientId).authorityHost(authority).httpClient(connections.azureTransport())
                .retryOptions(tokenRetries(tries));
        if (!EndpointSuffix.isCloudAuthorityHost(authority)) {
            builder.disableInstanceDiscovery();
        }
        return builder;
    }
}
