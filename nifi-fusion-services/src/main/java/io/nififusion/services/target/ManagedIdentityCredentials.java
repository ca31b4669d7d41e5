package io.nififusion.services.target;

import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;

/**
 * The managed identity of the host NiFi runs on, found the way azure-identity finds it from the process environment: an
 * App Service or Container Apps endpoint ({@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}), Azure Arc, Service
 * Fabric, Cloud Shell, and otherwise the instance metadata service of an Azure VM or scale set.
 *
 * @param clientId client ID of a user-assigned identity, null for the system-assigned one
 */
public record ManagedIdentityCredentials(String clientId) implements StorageCredentials {

    public ManagedIdentityCredentials {
        clientId = clientId == null || clientId.isBlank() ? null : clientId.strip();
    }

    @Override
    public AuthenticationMode mode() {
        return AuthenticationMode.MANAGED_IDENTITY;
    }

    @Override
    public void applyTo(final DataLakeServiceClientBuilder builder, final StorageEndpoint endpoint, final HttpConnectionSettings connections,
                        final int tries) {
        final ManagedIdentityCredentialBuilder credential = new ManagedIdentityCredentialBuilder().httpClient(connections.hostLocalTransport())
                .maxRetry(Math.max(0, tries - 1)).retryOptions(ServicePrincipal.tokenRetries(tries));
        if (clientId != null) {
            credential.clientId(clientId);
        }
        builder.credential(credential.build());
    }

    @Override
    public String toString() {
        return "ManagedIdentityCredentials[clientId=" + (clientId == null ? "system-assigned" : clientId) + "]";
    }
}
