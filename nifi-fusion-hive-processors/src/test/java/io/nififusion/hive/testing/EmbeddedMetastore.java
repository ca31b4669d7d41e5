package io.nififusion.hive.testing;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.HiveMetaStore;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.security.HadoopThriftAuthBridge;
import org.apache.hadoop.security.UserGroupInformation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A Hive Metastore in this JVM for tests: Derby in a folder, schema created on first use, Thrift on loopback. Only one
 * can run per class loader (the metastore keeps its persistence factory in a static); the second of a test runs in its
 * own JVM ({@link MetastoreProcess}).
 */
public final class EmbeddedMetastore implements AutoCloseable {
    private static final long START_TIMEOUT_NANOS = 120_000_000_000L;
    private static final long PORT_POLL_NANOS = 50_000_000L;

    private final Path directory;
    private final int port;
    private final Thread server;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private EmbeddedMetastore(final Path directory, final int port, final Thread server) {
        this.directory = directory;
        this.port = port;
        this.server = server;
    }

    /**
     * Settings of a test metastore in the folder.
     *
     * @param warehouse the managed warehouse location, such as {@code hdfs://127.0.0.1:PORT/warehouse}
     * @param notifications whether to keep a notification log ({@link NotificationLogListener})
     */
    public static Configuration settings(final Path directory, final String warehouse, final boolean notifications) {
        final Configuration configuration = new Configuration(false);
        configuration.set("javax.jdo.option.ConnectionURL", jdbcUrl(directory) + ";create=true");
        configuration.set("javax.jdo.option.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver");
        configuration.set("datanucleus.schema.autoCreateAll", "true");
        configuration.set("metastore.schema.verification", "false");
        configuration.set("metastore.warehouse.dir", warehouse + "/managed");
        configuration.set("metastore.warehouse.external.dir", warehouse + "/external");
        configuration.set("metastore.thrift.bind.host", "127.0.0.1");
        configuration.set("metastore.server.min.threads", "4");
        configuration.set("metastore.metadata.transformer.class", " ");
        configuration.set("metastore.metastore.event.db.notification.api.auth", "false");
        configuration.set("metastore.event.db.notification.api.auth", "false");
        configuration.set("metastore.housekeeping.threads.on", "false");
        configuration.set("metastore.stats.autogather", "false");
        if (notifications) {
            configuration.set("metastore.transactional.event.listeners", NotificationLogListener.class.getName());
        }
        return configuration;
    }

    /** Starts one on a free loopback port with the given settings (plus Hadoop client settings, such as the HDFS to use). */
    public static EmbeddedMetastore start(final Path directory, final Configuration settings) throws IOException {
        Files.createDirectories(directory);
        System.setProperty("derby.stream.error.file", directory.resolve("derby.log").toString());
        final int port = freePort();
        final Configuration configuration = new Configuration(settings);
        configuration.set("metastore.thrift.port", Integer.toString(port));
        if ("kerberos".equals(settings.get("hadoop.security.authentication"))) {
            // a metastore with SASL logs in from its keytab, which Hadoop does only with its security on
            UserGroupInformation.setConfiguration(configuration);
        }
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread server = new Thread(() -> {
            try {
                HiveMetaStore.startMetaStore(port, HadoopThriftAuthBridge.getBridge(), configuration, false, new AtomicBoolean());
            } catch (final Throwable e) {
                failure.set(e);
            }
        }, "test-metastore-" + port);
        server.setDaemon(true);
        server.start();
        final EmbeddedMetastore metastore = new EmbeddedMetastore(directory, port, server);
        metastore.awaitPort(failure);
        if (settings.get("metastore.transactional.event.listeners") != null) {
            metastore.seedNotificationSequence();
        }
        return metastore;
    }

    public String getUri() {
        return "thrift://127.0.0.1:" + port;
    }

    public int getPort() {
        return port;
    }

    /** A client of this metastore, for the test to change the source with. */
    public IMetaStoreClient newClient() throws IOException {
        return newClient(getUri());
    }

    public static IMetaStoreClient newClient(final String uri) throws IOException {
        return newClient(uri, new Configuration(false));
    }

    /**
     * A client with more settings, such as {@code metastore.sasl.enabled} and {@code metastore.kerberos.principal} for a
     * metastore with SASL (open it inside the Kerberos user's {@code doAs}).
     */
    public static IMetaStoreClient newClient(final String uri, final Configuration settings) throws IOException {
        final Configuration configuration = new Configuration(settings);
        configuration.set("metastore.thrift.uris", uri);
        configuration.set("metastore.client.capability.check", "false");
        try {
            return new HiveMetaStoreClient(configuration, null, false);
        } catch (final Exception e) {
            throw new IOException("Cannot connect to " + uri, e);
        }
    }

    /** Deletes events up to the id from the notification log, as the metastore's purge of old events does. */
    public int purgeNotificationsUpTo(final long eventId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(directory));
             PreparedStatement delete = connection.prepareStatement("DELETE FROM NOTIFICATION_LOG WHERE EVENT_ID <= ?")) {
            delete.setLong(1, eventId);
            return delete.executeUpdate();
        }
    }

    /**
     * A fresh Derby schema has no row in the event id sequence, and the first event then waits a minute on a lock: the
     * listener's first event needs the row the schema scripts would insert. Reading the current id first makes the
     * metastore create the table.
     */
    private void seedNotificationSequence() throws IOException {
        try (IMetaStoreClient client = newClient()) {
            client.getCurrentNotificationEventId();
        } catch (final Exception e) {
            throw new IOException("Cannot read the notification log of " + getUri(), e);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(directory)); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO NOTIFICATION_SEQUENCE (NNI_ID, NEXT_EVENT_ID) SELECT 1, 1 FROM SYSIBM.SYSDUMMY1 "
                    + "WHERE NOT EXISTS (SELECT 1 FROM NOTIFICATION_SEQUENCE)");
        } catch (final SQLException e) {
            throw new IOException("Cannot seed the notification sequence of " + getUri(), e);
        }
    }

    private static String jdbcUrl(final Path directory) {
        return "jdbc:derby:;databaseName=" + directory.resolve("metastore_db").toAbsolutePath();
    }

    /** The metastore offers no readiness signal: its port is polled until it accepts a connection. */
    private void awaitPort(final AtomicReference<Throwable> startFailure) throws IOException {
        final long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            if (startFailure.get() != null) {
                throw new IOException("The test metastore failed to start", startFailure.get());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (final IOException notYet) {
                LockSupport.parkNanos(PORT_POLL_NANOS);
            }
        }
        throw new IOException("The test metastore did not open port " + port);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The server thread ends with the JVM (the metastore has no stop call); the folder is the test's to delete. */
    @Override
    public void close() {
        server.interrupt();
    }

    /** The settings as name=value lines, for a metastore started in another JVM. */
    static String[] toArguments(final Configuration configuration) {
        final java.util.List<String> arguments = new java.util.ArrayList<>();
        for (final Map.Entry<String, String> entry : configuration) {
            arguments.add(entry.getKey() + "=" + entry.getValue());
        }
        return arguments.toArray(new String[0]);
    }
}
