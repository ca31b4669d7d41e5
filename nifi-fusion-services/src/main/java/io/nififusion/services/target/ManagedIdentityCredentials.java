package io.nififusion.services.target;

import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;

/**
 * The managed identity of the host NiFi runs on.
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
    public void applyTo(final DataLakeServiceClientBuilder builder, final String accountName) {
        final ManagedIdentityCredentialBuilder credential = new ManagedIdentityCredentialBuilder();
        if (clientId != null) {
            credential.clientId(clientId);
        }
        builder.credential(credential.build());
    }
}
