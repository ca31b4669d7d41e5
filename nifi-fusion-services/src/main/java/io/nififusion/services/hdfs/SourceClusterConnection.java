package io.nififusion.services.hdfs;

import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.hdfs.SourceClusterConfiguration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.nifi.security.krb.KerberosUser;

import javax.net.SocketFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.security.PrivilegedExceptionAction;
import java.util.function.Consumer;

/**
 * An authenticated session with the source cluster: the user (Kerberos or simple), and one {@link FileSystem} created
 * as that user. Every remote call goes through {@link #execute}, which renews the ticket when it is close to expiry
 * (see {@link KerberosLogin}) and runs as the user; a copy or a listing that outlives many tickets renews on its way,
 * since each of its calls (a chunk read, an event poll) goes through here.
 * <p>
 * Hadoop keeps its login state per JVM, and several source services may share one: each connection therefore holds a
 * user of its own (the Kerberos principal's JAAS subject, or a named simple user), never the JVM's login user, and a
 * connection without Kerberos never switches Hadoop security off for the others (see
 * {@link SimpleAuthenticationSocketFactory}).
 */
final class SourceClusterConnection implements AutoCloseable {
    static final String SOCKET_FACTORY = "hadoop.rpc.socket.factory.class.default";
    static final String FALLBACK_TO_SIMPLE_AUTHENTICATION = "ipc.client.fallback-to-simple-auth-allowed";
    static final String HADOOP_USER_NAME = "HADOOP_USER_NAME";

    private final SourceClusterConfiguration clusterConfiguration;
    private final Configuration configuration;
    private final KerberosLogin kerberosLogin;
    private final UserGroupInformation userGroupInformation;
    private final FileSystem fileSystem;

    private SourceClusterConnection(final SourceClusterConfiguration clusterConfiguration, final KerberosUser kerberosUser,
                                    final String remoteUser, final Consumer<String> warnings) throws IOException {
        this.clusterConfiguration = clusterConfiguration;
        this.configuration = clusterConfiguration.toConfiguration();
        configuration.setClassLoader(SourceClusterConnection.class.getClassLoader());
        if (kerberosUser != null) {
            // Kerberos needs Hadoop security on, a JVM-wide switch; nothing here ever turns it off again
            UserGroupInformation.setConfiguration(configuration);
            this.kerberosLogin = KerberosLogin.login(kerberosUser, warnings);
            this.userGroupInformation = fromKerberosLogin(kerberosLogin);
        } else {
            this.kerberosLogin = null;
            configuration.setClass(SOCKET_FACTORY, SimpleAuthenticationSocketFactory.class, SocketFactory.class);
            configuration.setBoolean(FALLBACK_TO_SIMPLE_AUTHENTICATION, true);
            this.userGroupInformation = UserGroupInformation.createRemoteUser(remoteUser != null ? remoteUser : processUserName());
        }
        try {
            this.fileSystem = runAs(() -> FileSystem.get(clusterConfiguration.getFileSystemUri(), configuration));
        } catch (final IOException | RuntimeException e) {
            if (kerberosLogin != null) {
                kerberosLogin.logout();
            }
            throw e;
        }
    }

    /**
     * Authenticates and opens the file system.
     *
     * @param kerberosUser a not yet logged in Kerberos user, or null
     * @param remoteUser the user name to act as on a cluster without Kerberos, or null for the process user
     * @param warnings where a failed renewal of the Kerberos login is reported while the current ticket still serves
     */
    static SourceClusterConnection open(final SourceClusterConfiguration clusterConfiguration, final KerberosUser kerberosUser,
                                        final String remoteUser, final Consumer<String> warnings) throws IOException {
        return new SourceClusterConnection(clusterConfiguration, kerberosUser, remoteUser, warnings);
    }

    /** The user NiFi runs as, or {@code HADOOP_USER_NAME} when set, as Hadoop's own simple login decides. */
    static String processUserName() {
        final String environment = System.getenv(HADOOP_USER_NAME);
        if (environment != null && !environment.isBlank()) {
            return environment.trim();
        }
        final String property = System.getProperty(HADOOP_USER_NAME);
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        return System.getProperty("user.name");
    }

    <T> T execute(final SourceAccess.SourceCall<T> call) throws IOException {
        renewTicket();
        return runAs(() -> call.run(fileSystem));
    }

    FileSystem getFileSystem() {
        return fileSystem;
    }

    Configuration getConfiguration() {
        return configuration;
    }

    SourceClusterConfiguration getClusterConfiguration() {
        return clusterConfiguration;
    }

    UserGroupInformation getUserGroupInformation() throws IOException {
        renewTicket();
        return userGroupInformation;
    }

    String describeUser() {
        final String method = kerberosLogin == null ? "simple authentication" : "Kerberos principal " + kerberosLogin.getPrincipal();
        return userGroupInformation.getUserName() + " (" + method + ")";
    }

    @Override
    public void close() throws IOException {
        try {
            fileSystem.close();
        } finally {
            if (kerberosLogin != null) {
                kerberosLogin.logout();
            }
        }
    }

    /** Renews the Kerberos login before its ticket expires; Hadoop's subject, and so the file system, sees the new ticket at once. */
    private void renewTicket() throws SourceLoginException {
        if (kerberosLogin != null) {
            kerberosLogin.renew();
        }
    }

    private static UserGroupInformation fromKerberosLogin(final KerberosLogin login) throws SourceLoginException {
        try {
            return UserGroupInformation.getUGIFromSubject(login.getHadoopSubject());
        } catch (final IOException e) {
            throw new SourceLoginException(login.getPrincipal(), "Hadoop could not use its credentials", e);
        }
    }

    private <T> T runAs(final PrivilegedExceptionAction<T> action) throws IOException {
        try {
            return userGroupInformation.doAs(action);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while calling the source cluster as " + userGroupInformation.getUserName());
        } catch (final UndeclaredThrowableException e) {
            if (e.getCause() instanceof IOException ioException) {
                throw ioException;
            }
            throw e;
        }
    }
}
