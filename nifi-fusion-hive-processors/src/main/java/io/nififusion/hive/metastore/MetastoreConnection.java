package io.nififusion.hive.metastore;

import io.nififusion.core.ErrorMessages;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.AlreadyExistsException;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.transport.TTransportException;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Thrift clients of one metastore, shared by a processor's tasks: a Thrift client serves one call at a time, so each
 * call borrows an idle client (or opens one) and gives it back; a client whose connection broke is closed, never reused.
 * Connection failures surface at once as {@link MetastoreErrorCode#METASTORE_UNAVAILABLE}: the caller routes the record
 * to retry with a penalty instead of sleeping in the client's own retry loop.
 * <p>
 * With SASL ({@link MetastoreAuthentication}), clients are opened and every call is made as the Kerberos user, asked for
 * anew each time: a client opened before a renewal of the login goes on working (its SASL session is established), a
 * client opened after it authenticates with the new ticket.
 */
public final class MetastoreConnection implements AutoCloseable {
    private final String uri;
    private final MetastoreAuthentication authentication;
    private final Configuration configuration;
    private final int maxIdle;
    private final Deque<IMetaStoreClient> idle = new ArrayDeque<>();
    private boolean closed;

    /**
     * @param uri the metastore's Thrift URI, such as {@code thrift://metastore:9083}; several may be given comma-separated
     * @param authentication SASL or none
     * @param socketTimeoutSeconds how long one call may wait for the metastore
     * @param maxIdle how many idle clients to keep open
     */
    public MetastoreConnection(final String uri, final MetastoreAuthentication authentication, final int socketTimeoutSeconds, final int maxIdle) {
        this.uri = checkUri(uri);
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.configuration = new Configuration(false);
        configuration.set("metastore.thrift.uris", this.uri);
        configuration.set("hive.metastore.uris", this.uri);
        configuration.set("metastore.client.socket.timeout", socketTimeoutSeconds + "s");
        // no retry loop with sleeps inside the client: a broken call goes back to NiFi, penalized
        configuration.setInt("metastore.connect.retries", 1);
        configuration.set("metastore.client.connect.retry.delay", "0s");
        configuration.setInt("metastore.failure.retries", 0);
        configuration.setBoolean("metastore.client.capability.check", false);
        authentication.applyTo(configuration);
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

    public MetastoreAuthentication getAuthentication() {
        return authentication;
    }

    /**
     * Checks the Kerberos side of a SASL connection without opening one: the user's login and ticket, then a service
     * ticket for the metastore principal of each URI's host.
     *
     * @return what was checked, such as {@code alice@EXAMPLE.COM holds a ticket; the KDC issued service tickets for hive/nn1@EXAMPLE.COM}
     * @throws MetastoreReplicationException {@link MetastoreErrorCode#METASTORE_UNAVAILABLE} naming what failed
     */
    public String checkKerberos() throws MetastoreReplicationException {
        final UserGroupInformation user = authentication.authenticate(uri);
        if (user == null) {
            return "No SASL: the metastore is reached without authentication";
        }
        final StringBuilder principals = new StringBuilder();
        for (final MetastoreAuthentication.ServiceTicketResult result : authentication.checkServiceTickets(user, uri)) {
            if (!result.issued()) {
                throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Metastore " + uri + " (" + authentication.describe()
                        + "): principal " + authentication.getServerPrincipal() + " for host " + result.host() + ": " + result.problem());
            }
            principals.append(principals.isEmpty() ? "" : ", ").append(result.principal()).append(" (").append(result.host()).append(')');
        }
        return user.getUserName() + " holds a current Kerberos ticket, and the KDC issued it service tickets for " + principals;
    }

    /** Runs the call on an idle client or a new one, as the Kerberos user with SASL. */
    public <T> T execute(final MetastoreCall<T> call) throws MetastoreReplicationException {
        final UserGroupInformation user = authentication.authenticate(uri);
        final IMetaStoreClient pooled;
        synchronized (idle) {
            if (closed) {
                throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "The connection to metastore " + uri + " is closed");
            }
            pooled = idle.pollFirst();
        }
        final boolean fresh = pooled == null;
        final IMetaStoreClient client = fresh ? open(user) : pooled;
        boolean healthy = false;
        try {
            final T result = callAs(user, client, call);
            healthy = true;
            return result;
        } catch (final TTransportException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Metastore " + uri + " did not answer: "
                    + ErrorMessages.describe(e) + withoutSaslHint(fresh), e);
        } catch (final TProtocolException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Metastore " + uri + " answered with what is not a "
                    + "Thrift reply: " + ErrorMessages.describe(e) + withoutSaslHint(fresh), e);
        } catch (final AlreadyExistsException e) {
            healthy = true;
            throw rivalCreate(e);
        } catch (final MetaException e) {
            // MetaException carries both server-side failures and broken connections the client wrapped
            healthy = !(e.getCause() instanceof TTransportException);
            if (healthy && isDuplicateKey(e)) {
                throw rivalCreate(e);
            }
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

    private MetastoreReplicationException rivalCreate(final TException e) {
        return new MetastoreReplicationException(MetastoreErrorCode.TARGET_CONCURRENT_CHANGE, "Metastore " + uri
                + " already holds the object another task created meanwhile: " + ErrorMessages.describe(e), e);
    }

    /**
     * Two creates of one object racing in the metastore: the loser's insert breaks the unique index of its backing
     * database (SQL state 23505 in Derby and PostgreSQL, "Duplicate entry" in MySQL), which the metastore wraps in a
     * MetaException instead of an AlreadyExistsException.
     */
    static boolean isDuplicateKey(final MetaException e) {
        final String message = String.valueOf(e.getMessage());
        return message.contains("23505") || message.contains("duplicate key") || message.contains("Duplicate entry");
    }

    /**
     * A metastore with SASL on drops a client without it at its first call (the Thrift bytes are no SASL handshake), so a
     * fresh connection without SASL that breaks at once says so.
     */
    private String withoutSaslHint(final boolean fresh) {
        return fresh && !authentication.isSasl() ? "; a metastore that requires SASL (Kerberos, metastore.sasl.enabled) drops a client "
                + "without it at its first call: if this one does, give its Kerberos principal" : "";
    }

    private IMetaStoreClient open(final UserGroupInformation user) throws MetastoreReplicationException {
        final Configuration clientConfiguration = new Configuration(configuration);
        try {
            if (user == null) {
                return new HiveMetaStoreClient(clientConfiguration, null, false);
            }
            return user.doAs((PrivilegedExceptionAction<IMetaStoreClient>) () -> new HiveMetaStoreClient(clientConfiguration, null, false));
        } catch (final UndeclaredThrowableException e) {
            throw cannotConnect(user, e.getCause() == null ? e : e.getCause());
        } catch (final MetaException | IOException | RuntimeException e) {
            throw cannotConnect(user, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Interrupted while connecting to metastore " + uri, e);
        }
    }

    /**
     * With SASL, Hive reports a failed handshake as "GSS initiate failed" only: the KDC is asked for the service tickets,
     * whose failure (an unknown principal, an unreachable KDC) is the explanation; when they are issued, the metastore
     * itself refused (its principal differs) or did not answer.
     */
    private MetastoreReplicationException cannotConnect(final UserGroupInformation user, final Throwable failure) {
        final StringBuilder message = new StringBuilder("Cannot connect to metastore ").append(uri);
        if (user != null) {
            message.append(" with ").append(authentication.describe());
            String kerberosProblem = null;
            for (final MetastoreAuthentication.ServiceTicketResult result : authentication.checkServiceTickets(user, uri)) {
                if (!result.issued() && kerberosProblem == null) {
                    kerberosProblem = "principal " + authentication.getServerPrincipal() + " for host " + result.host() + ": " + result.problem();
                }
            }
            if (kerberosProblem != null) {
                return new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, message.append(": ").append(kerberosProblem).toString(), failure);
            }
            // Kerberos is in order on this side: a refused handshake means the metastore's own principal differs
            message.append(" (the KDC issued the service tickets; if the metastore refused the handshake, its metastore.kerberos.principal is not ")
                    .append(authentication.getServerPrincipal()).append(')');
        }
        message.append(": ").append(ErrorMessages.describe(failure));
        return new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, message.toString(), failure);
    }

    private static <T> T callAs(final UserGroupInformation user, final IMetaStoreClient client, final MetastoreCall<T> call)
            throws TException, MetastoreReplicationException {
        if (user == null) {
            return call.call(client);
        }
        try {
            return user.doAs((PrivilegedExceptionAction<T>) () -> call.call(client));
        } catch (final UndeclaredThrowableException e) {
            if (e.getCause() instanceof TException cause) {
                throw cause;
            }
            if (e.getCause() instanceof MetastoreReplicationException cause) {
                throw cause;
            }
            throw e;
        } catch (final IOException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Cannot call the metastore as " + user.getUserName()
                    + ": " + ErrorMessages.describe(e), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Interrupted while calling the metastore", e);
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
