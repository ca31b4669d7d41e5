package io.nififusion.core.target;

import com.azure.storage.file.datalake.DataLakeFileSystemAsyncClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClientBuilder;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.PathProperties;

/**
 * The properties of a target path with one HEAD request, or null when nothing is there. Asking whether a path exists
 * is routine for replication (most targets of a first copy do not exist yet), but the SDK's synchronous clients log
 * every 404 at ERROR before they throw it; its asynchronous clients hand the 404 back without a log line, through the
 * same pipeline (credentials, retries, transport).
 */
public final class TargetPathProperties {
    private final DataLakeFileSystemAsyncClient client;

    private TargetPathProperties(final DataLakeFileSystemAsyncClient client) {
        this.client = client;
    }

    /** A reader over the given filesystem client's pipeline; building it sends nothing. */
    public static TargetPathProperties of(final DataLakeFileSystemClient fileSystem) {
        return new TargetPathProperties(new DataLakeFileSystemClientBuilder()
                .pipeline(fileSystem.getHttpPipeline())
                .endpoint(fileSystem.getFileSystemUrl())
                .serviceVersion(fileSystem.getServiceVersion())
                .buildAsyncClient());
    }

    /**
     * Throws the target's own refusal (412 when the path holds another version now, 404 when it is gone) unless the
     * path still holds the version with this entity tag: a conditional HEAD through the asynchronous client, whose
     * refusals the SDK does not log at ERROR the way its synchronous clients do.
     */
    public void requireVersion(final String path, final String eTag) {
        client.getFileAsyncClient(path).getPropertiesWithResponse(new DataLakeRequestConditions().setIfMatch(eTag)).block();
    }

    public PathProperties readOrNull(final String path) {
        try {
            return client.getFileAsyncClient(path).getProperties().block();
        } catch (final DataLakeStorageException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
