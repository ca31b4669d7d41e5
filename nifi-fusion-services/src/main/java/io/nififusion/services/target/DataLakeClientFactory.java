package io.nififusion.services.target;

import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;

/** Builds the DataLake client of the target filesystem; nothing is sent until the client is used. */
final class DataLakeClientFactory {

    private DataLakeClientFactory() {
    }

    static DataLakeFileSystemClient createFileSystemClient(final StorageEndpoint endpoint, final StorageCredentials credentials,
                                                           final HttpConnectionSettings connections, final RequestRetryOptions retryOptions) {
        final DataLakeServiceClientBuilder builder = new DataLakeServiceClientBuilder().endpoint(endpoint.endpointUrl()).retryOptions(retryOptions)
                .httpClient(connections.azureTransport());
        credentials.applyTo(builder, endpoint, connections, retryOptions.getMaxTries());
        return builder.buildClient().getFileSystemClient(endpoint.fileSystemName());
    }
}
