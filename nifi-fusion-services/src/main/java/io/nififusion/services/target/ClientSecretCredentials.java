package io.nififusion.services.target;

import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;

/** A service principal authenticated with a client secret; tokens are requested when a client first sends. */
public record ClientSecretCredentials(ServicePrincipal principal, String clientSecret) implements StorageCredentials {

    public ClientSecretCredentials {
        clientSecret = InvalidCredentialsException.required(clientSecret, "Client Secret", AuthenticationMode.SERVICE_PRINCIPAL_SECRET.getDisplayName());
    }

    @Override
    public AuthenticationMode mode() {
        return AuthenticationMode.SERVICE_PRINCIPAL_SECRET;
    }

    @Override
    public void applyTo(final DataLakeServiceClientBuilder builder, final StorageEndpoint endpoint, final HttpConnectionSettings connections,
                        final int tries) {
        builder.credential(principal.configure(new ClientSecretCredentialBuilder(), endpoint, connections, tries).clientSecret(clientSecret).build());
    }

    @Override
    public String toString() {
        return "ClientSecretCredentials[tenantId=" + principal.tenantId() + ", clientId=" + principal.clientId() + "]";
    }
}
