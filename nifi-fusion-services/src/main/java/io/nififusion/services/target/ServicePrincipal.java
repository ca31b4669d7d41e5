package io.nififusion.services.target;

import com.azure.identity.AadCredentialBuilderBase;

import java.util.Locale;

/**
 * A Microsoft Entra ID application: its tenant, client ID and, for sovereign clouds, the authority host.
 *
 * @param tenantId directory (tenant) ID
 * @param clientId application (client) ID
 * @param authorityHost authority host, null for the public cloud's
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

    /** Sets the tenant, client ID and authority host on a Microsoft Entra ID credential builder. */
    <T extends AadCredentialBuilderBase<T>> T configure(final T builder) {
        builder.tenantId(tenantId).clientId(clientId);
        if (authorityHost != null) {
            builder.authorityHost(authorityHost);
        }
        return builder;
    }
}
