package io.nififusion.services.hdfs;

import io.nififusion.core.hdfs.SourceAccess;
import io.nififusion.core.hdfs.SourceClusterConfiguration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.nifi.security.krb.KerberosUser;

import javax.net.SocketFactory;
import javax.security.auth.Subject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.security.PrivilegedAction;
import java.security.PrivilegedExceptionAction;

/**
 * An authenticated session with the source cluster: the user (Kerberos or simple), and one {@link FileSystem} created
 * as that user. Every remote call goes through {@link #execute}, which renews the ticket and runs as the user.
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
    private final KerberosUser kerberosUser;
    private volatile UserGroupInformation userGroupInformation;
    private volatile Subject kerberosSubject;
    private final FileSystem fileSystem;

    private SourceClusterConnection(final SourceClusterConfiguration clusterConfiguration, final KerberosUser kerberosUser,
                                    final String remoteUser) throws IOException {
        this.clusterConfiguration = clusterConfiguration;
        this.configuration = clusterConfiguration.toConfiguration();
        configuration.setClassLoader(SourceClusterConnection.class.getClassLoader());
        this.kerberosUser = kerberosUser;
        if (kerberosUser != null) {
            // Kerberos needs Hadoop security on, a JVM-wide switch; nothing here ever turns it off again
            UserGroupInformation.setConfiguration(configuration);
            kerberosUser.login();
            this.userGroupInformation = fromKerberosUser();
        } else {
            configuration.setClass(SOCKET_FACTORY, SimpleAuthenticationSocketFactory.class, SocketFactory.class);
            configuration.setBoolean(FALLBACK_TO_SIMPLE_AUTHENTICATION, true);
            this.userGroupInformation = UserGroupInformation.createRemoteUser(remoteUser != null ? remoteUser : processUserName());
        }
        this.fileSystem = runAs(() -> FileSystem.get(clusterConfiguration.getFileSystemUri(), configuration));
    }

    /**
     * Authenticates and opens the file system.
     *
     * @param kerberosUser a not yet logged in Kerberos user, or null
     * @param remoteUser the user name to act as on a cluster without Kerberos, or null for the process user
     */
    static SourceClusterConnection open(final SourceClusterConfiguration clusterConfiguration, final KerberosUser kerberosUser,
                                        final String remoteUser) throws IOException {
        return new SourceClusterConnection(clusterConfiguration, kerberosUser, remoteUser);
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
        final String method = kerberosUser == null ? "simple authentication" : "Kerberos principal " + kerberosUser.getPrincipal();
        return userGroupInformation.getUserName() + " (" + method + ")";
    }

    @Override
    public void close() throws IOException {
        try {
            fileSystem.close();
        } finally {
            if (kerberosUser != null) {
                kerberosUser.logout();
            }
        }
    }

    private void renewTicket() {
        if (kerberosUser != null && kerberosUser.checkTGTAndRelogin()) {
            // A relogin may hand out a new Subject; the UGI must wrap the one holding the fresh ticket
            final Subject current = kerberosUser.doAs((PrivilegedAction<Subject>) Subject::current);
            if (current != kerberosSubject) {
                userGroupInformation = fromKerberosUser();
            }
        }
    }

    private UserGroupInformation fromKerberosUser() {
        final Subject subject = kerberosUser.doAs((PrivilegedAction<Subject>) Subject::current);
        if (subject == null) {
            throw new IllegalStateException("Kerberos login of " + kerberosUser.getPrincipal() + " produced no credentials");
        }
        try {
            kerberosSubject = subject;
            return UserGroupInformation.getUGIFromSubject(subject);
        } catch (final IOException e) {
            throw new IllegalStateException("Hadoop could not use the Kerberos credentials of " + kerberosUser.getPrincipal() + ": " + e.getMessage(), e);
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
