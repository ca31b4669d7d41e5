package io.nififusion.hive.metastore;

import io.nififusion.core.ErrorMessages;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.thrift.TException;
import org.apache.thrift.transport.TTransportException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Thrift clients of one metastore, shared by a processor's tasks: a Thrift client serves one call at a time, so each
 * call borrows an idle client (or opens one) and gives it back; a client whose connection broke is closed, never reused.
 * Connection failures surface at once as {@link MetastoreErrorCode#METASTORE_UNAVAILABLE}: the caller routes the record
 * to retry with a penalty instead of sleeping in the client's own retry loop.
 */
public final class MetastoreConnection implements AutoCloseable {
    private final String uri;
    private final Configuration configuration;
    private final int maxIdle;
    private final Deque<IMetaStoreClient> idle = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param uri the metastore's Thrift URI, such as {@code thrift://metastore:9083}; several may be given comma-separated
     * @param baseConfiguration Hadoop/Hive settings to start from (such as SASL for a Kerberized metastore), or null
     * @param socketTimeoutSeconds how long one call may wait for the metastore
     * @param maxIdle how many idle clients to keep open
     */
    public MetastoreConnection(final String uri, final Configuration baseConfiguration, final int socketTimeoutSeconds, final int maxIdle) {
        this.uri = checkUri(uri);
        this.configuration = baseConfiguration == null ? new Configuration(false) : new Configuration(baseConfiguration);
        configuration.set("metastore.thrift.uris", this.uri);
        configuration.set("hive.metastore.uris", this.uri);
        configuration.set("metastore.client.socket.timeout", socketTimeoutSeconds + "s");
        // no retry loop with sleeps inside the client: a broken call goes back to NiFi, penalized
        configuration.setInt("metastore.connect.retries", 1);
        configuration.set("metastore.client.connect.retry.delay", "0s");
        configuration.setInt("metastore.failure.retries", 0);
        configuration.setBoolean("metastore.client.capability.check", false);
        this.maxIdle = maxIdle;
    }

    /** @throws IllegalArgumentException unless every URI is {@code thrift://host:port} */
    public static String checkUri(final String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("No metastore URI given: name it as thrift://host:9083");
        }
        for (final String part : uri.split(",")) {
            final URI parsed;
            try {
                parsed = new URI(part.strip());
            } catch (final URISyntaxException e) {
                throw new IllegalArgumentException("Metastore URI [" + part.strip() + "] is not a URI: name it as thrift://host:9083");
            }
            if (!"thrift".equalsIgnoreCase(parsed.getScheme()) || parsed.getHost() == null || parsed.getPort() < 0) {
                throw new IllegalArgumentException("Metastore URI [" + part.strip() + "] must have the form thrift://host:port");
            }
        }
        return uri.strip();
    }

    public String getUri() {
        return uri;
    }

    /** Runs the call on an idle client or a new one. */
    public <T> T execute(final MetastoreCall<T> call) throws MetastoreReplicationException {
        final IMetaStoreClient client = borrow();
        boolean healthy = false;
        try {
            final T result = call.call(client);
            healthy = true;
            return result;
        } catch (final TTransportException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Metastore " + uri + " did not answer: " + ErrorMessages.describe(e), e);
        } catch (final MetaException e) {
            // MetaException carries both server-side failures and broken connections the client wrapped
            healthy = !(e.getCause() instanceof TTransportException);
            throw new MetastoreReplicationException(healthy ? MetastoreErrorCode.UNEXPECTED : MetastoreErrorCode.METASTORE_UNAVAILABLE,
                    "Metastore " + uri + " failed: " + ErrorMessages.describe(e), e);
        } catch (final TException e) {
            healthy = true;
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_REQUEST_REJECTED, "Metastore " + uri + " refused the request: "
                    + ErrorMessages.describe(e), e);
        } catch (final MetastoreReplicationException e) {
            healthy = true;
            throw e;
        } catch (final RuntimeException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.UNEXPECTED, "Metastore " + uri + " call failed: " + ErrorMessages.describe(e), e);
        } finally {
            giveBack(client, healthy);
        }
    }

    private IMetaStoreClient borrow() throws MetastoreReplicationException {
        synchronized (idle) {
            if (closed) {
                throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "The connection to metastore " + uri + " is closed");
            }
            final IMetaStoreClient client = idle.pollFirst();
            if (client != null) {
                return client;
            }
        }
        try {
            return new HiveMetaStoreClient(new Configuration(configuration), null, false);
        } catch (final MetaException | RuntimeException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Cannot connect to metastore " + uri + ": " + ErrorMessages.describe(e), e);
        }
    }

    private void giveBack(final IMetaStoreClient client, final boolean healthy) {
        synchronized (idle) {
            if (healthy && !closed && idle.size() < maxIdle) {
                idle.addFirst(client);
                return;
            }
        }
        client.close();
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            for (final IMetaStoreClient client : idle) {
                client.close();
            }
            idle.clear();
        }
    }

    @Override
    public String toString() {
        return Objects.toString(uri);
    }
}
