package io.nififusion.services.hdfs;

import io.nififusion.core.hdfs.SourceClusterConfiguration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.client.HdfsAdmin;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.nifi.security.krb.KerberosUser;

import javax.security.auth.Subject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.security.PrivilegedAction;
import java.security.PrivilegedExceptionAction;

/**
 * An authenticated session with the source cluster: the user (Kerberos or simple), and one {@link FileSystem} created
 * as that user. Every remote call goes through {@link #execute}, which renews the ticket and runs as the user.
 */
final class SourceClusterConnection implements AutoCloseable {
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
        this.kerberosUser = kerberosUser;
        UserGroupInformation.setConfiguration(configuration);
        if (kerberosUser != null) {
            kerberosUser.login();
            this.userGroupInformation = fromKerberosUser();
        } else if (remoteUser != null) {
            this.userGroupInformation = UserGroupInformation.createRemoteUser(remoteUser);
        } else {
            this.userGroupInformation = UserGroupInformation.getCurrentUser();
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

    <T> T execute(final HdfsSourceService.HdfsAction<T> action) throws IOException {
        renewTicket();
        return runAs(() -> action.run(fileSystem));
    }

    HdfsAdmin createHdfsAdmin() throws IOException {
        renewTicket();
        return runAs(() -> new HdfsAdmin(clusterConfiguration.getFileSystemUri(), configuration));
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
