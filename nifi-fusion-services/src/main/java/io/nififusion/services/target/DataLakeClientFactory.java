package io.nififusion.services.target;

import com.azure.core.credential.AzureSasCredential;
import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;

import java.util.Locale;

/** Builds the DataLake clients for an endpoint and a credential mode; nothing is sent until a client is used. */
final class DataLakeClientFactory {

    private DataLakeClientFactory() {
    }

    static DataLakeFileSystemClient createFileSystemClient(final StorageEndpoint endpoint, final StorageCredentials credentials,
                                                           final RequestRetryOptions retryOptions) {
        return createServiceClient(endpoint, credentials, retryOptions).getFileSystemClient(endpoint.fileSystemName());
    }

    static DataLakeServiceClient createServiceClient(final StorageEndpoint endpoint, final StorageCredentials credentials,
                                                     final RequestRetryOptions retryOptions) {
        final DataLakeServiceClientBuilder builder = new DataLakeServiceClientBuilder().endpoint(endpoint.endpointUrl()).retryOptions(retryOptions);
        switch (credentials.mode()) {
            case ACCOUNT_KEY -> builder.credential(new StorageSharedKeyCredential(endpoint.accountName(), credentials.accountKey().strip()));
            case SAS_TOKEN -> builder.credential(new AzureSasCredential(credentials.sasToken().strip().replaceFirst("^\\?", "")));
            default -> builder.credential(createTokenCredential(credentials));
        }
        return builder.buildClient();
    }

    static TokenCredential createTokenCredential(final StorageCredentials credentials) {
        return switch (credentials.mode()) {
            case SERVICE_PRINCIPAL_SECRET -> {
                final ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                        .tenantId(credentials.tenantId())
                        .clientId(credentials.clientId())
                        .clientSecret(credentials.clientSecret());
                if (credentials.authorityHost() != null) {
                    builder.authorityHost(credentials.authorityHost());
                }
                yield builder.build();
            }
            case SERVICE_PRINCIPAL_CERTIFICATE -> {
                final ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder()
                        .tenantId(credentials.tenantId())
                        .clientId(credentials.clientId());
                final String path = credentials.clientCertificatePath();
                final String lowerPath = path.toLowerCase(Locale.ROOT);
                if (lowerPath.endsWith(".pfx") || lowerPath.endsWith(".p12")) {
                    builder.pfxCertificate(path);
                    if (credentials.clientCertificatePassword() != null) {
                        builder.clientCertificatePassword(credentials.clientCertificatePassword());
                    }
                } else {
                    builder.pemCertificate(path);
                }
                if (credentials.authorityHost() != null) {
                    builder.authorityHost(credentials.authorityHost());
                }
                yield builder.build();
            }
            case MANAGED_IDENTITY -> {
                final ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
                if (credentials.managedIdentityClientId() != null) {
                    builder.clientId(credentials.managedIdentityClientId());
                }
                yield builder.build();
            }
            default -> throw new IllegalArgumentException(credentials.mode().getDisplayName() + " does not use a token credential");
        };
    }
}
