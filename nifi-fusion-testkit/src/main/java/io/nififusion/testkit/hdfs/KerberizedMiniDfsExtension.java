package io.nififusion.testkit.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.SecurityUtil;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.Properties;

/**
 * A Kerberized HDFS for a test class: a real KDC ({@link MiniKdc}) and a secure {@link MiniDFSCluster} whose services
 * log in from a keytab, plus one ordinary user principal with its own keytab.
 * <p>
 * The NameNode login makes the service principal the JVM's login user, so code that forgets to run as the configured
 * user silently gets superuser rights: run these tests in their own JVM and assert as the user.
 * <p>
 * {@link #withTicketLifetime(Duration)} makes the KDC issue short tickets, so that work can outlive several of them.
 * The KDC accepts lifetimes down to one second (tickets carry whole seconds; a lifetime of 0 gives tickets that are
 * expired when issued). Its tickets are not renewable: a login past its lifetime must log in again from the keytab.
 */
public final class KerberizedMiniDfsExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String USER = "alice";
    private static final String SERVICE_PRINCIPAL = "hdfs/localhost";
    private static final String HTTP_PRINCIPAL = "HTTP/localhost";

    private final Duration ticketLifetime;
    private java.nio.file.Path workDirectory;
    private MiniKdc kdc;
    private MiniDFSCluster cluster;
    private File serviceKeytab;
    private File userKeytab;
    private Configuration clusterConfiguration;

    /** A KDC with MiniKdc's default ticket lifetime (a day). */
    public KerberizedMiniDfsExtension() {
        this(null);
    }

    private KerberizedMiniDfsExtension(final Duration ticketLifetime) {
        this.ticketLifetime = ticketLifetime;
    }

    /** A KDC whose tickets (of users and of the cluster's own services) live for the given time, at least one second. */
    public static KerberizedMiniDfsExtension withTicketLifetime(final Duration ticketLifetime) {
        if (ticketLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("The KDC issues tickets of whole seconds, at least 1: " + ticketLifetime);
        }
        return new KerberizedMiniDfsExtension(ticketLifetime);
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        workDirectory = Files.createTempDirectory("nifi-fusion-kerberos");
        final Properties kdcConfiguration = MiniKdc.createConf();
        if (ticketLifetime != null) {
            // seconds, as MiniKdc hands them to the KDC; the KDC refuses a ticket shorter than its minimum
            kdcConfiguration.setProperty(MiniKdc.MAX_TICKET_LIFETIME, Long.toString(ticketLifetime.toSeconds()));
            kdcConfiguration.setProperty(MiniKdc.MIN_TICKET_LIFETIME, "1");
        }
        kdc = new MiniKdc(kdcConfiguration, workDirectory.resolve("kdc").toFile());
        kdc.start();
        try {
            serviceKeytab = workDirectory.resolve("hdfs.keytab").toFile();
            kdc.createPrincipal(serviceKeytab, SERVICE_PRINCIPAL, HTTP_PRINCIPAL);
            userKeytab = workDirectory.resolve(USER + ".keytab").toFile();
            kdc.createPrincipal(userKeytab, USER);

            final Configuration configuration = new Configuration();
            configuration.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, workDirectory.resolve("dfs").toString());
            SecurityUtil.setAuthenticationMethod(UserGroupInformation.AuthenticationMethod.KERBEROS, configuration);
            configuration.set("dfs.namenode.kerberos.principal", getServicePrincipal());
            configuration.set("dfs.namenode.keytab.file", serviceKeytab.getAbsolutePath());
            configuration.set("dfs.datanode.kerberos.principal", getServicePrincipal());
            configuration.set("dfs.datanode.keytab.file", serviceKeytab.getAbsolutePath());
            configuration.set("dfs.web.authentication.kerberos.principal", HTTP_PRINCIPAL + "@" + kdc.getRealm());
            configuration.setBoolean("dfs.block.access.token.enable", true);
            configuration.setBoolean("ignore.secure.ports.for.testing", true);
            configuration.set("dfs.checksum.combine.mode", "COMPOSITE_CRC");
            configuration.setInt("dfs.replication", 1);
            configuration.setBoolean("dfs.client.block.write.replace-datanode-on-failure.enable", false);
            if (ticketLifetime != null) {
                // the cluster's own keytab logins must renew as fast as their tickets expire (Hadoop waits 60 s between relogins by default)
                configuration.setLong("hadoop.kerberos.min.seconds.before.relogin", 1);
                configuration.setBoolean("hadoop.kerberos.keytab.login.autorenewal.enabled", true);
            }
            UserGroupInformation.setConfiguration(configuration);

            cluster = new MiniDFSCluster.Builder(configuration).numDataNodes(1).format(true).build();
            cluster.waitActive();
            clusterConfiguration = configuration;
        } catch (final Exception e) {
            stop();
            throw e;
        }
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        stop();
    }

    private void stop() {
        if (cluster != null) {
            cluster.shutdown(true);
            cluster = null;
        }
        // The KDC must stop whatever happened, or its threads keep the JVM alive
        if (kdc != null) {
            kdc.stop();
            kdc = null;
        }
    }

    public String getRealm() {
        return kdc.getRealm();
    }

    public String getUserPrincipal() {
        return USER + "@" + kdc.getRealm();
    }

    public File getUserKeytab() {
        return userKeytab;
    }

    public String getServicePrincipal() {
        return SERVICE_PRINCIPAL + "@" + kdc.getRealm();
    }

    /** The lifetime of the tickets the KDC issues, or null for MiniKdc's default. */
    public Duration getTicketLifetime() {
        return ticketLifetime;
    }

    public MiniKdc getKdc() {
        return kdc;
    }

    public MiniDFSCluster getCluster() {
        return cluster;
    }

    /** Creates a principal in the KDC with its own keytab, e.g. to test a keytab that holds another principal. */
    public File createPrincipal(final String principal) throws Exception {
        // a file of its own: a principal named like a service (hdfs) must not overwrite the service keytab
        final File keytab = workDirectory.resolve("principal-" + principal.replace('/', '_') + ".keytab").toFile();
        kdc.createPrincipal(keytab, principal);
        return keytab;
    }

    /** Runs an action as the HDFS superuser (the service principal), e.g. to prepare a home directory for the user. */
    public <T> T asSuperuser(final PrivilegedExceptionAction<T> action) throws IOException, InterruptedException {
        return loginSuperuser().doAs(action);
    }

    /**
     * A keytab login of the HDFS superuser (the service principal); with short tickets, call its
     * {@code checkTGTAndReloginFromKeytab()} before work that may need a new connection.
     */
    public UserGroupInformation loginSuperuser() throws IOException {
        return UserGroupInformation.loginUserFromKeytabAndReturnUGI(getServicePrincipal(), serviceKeytab.getAbsolutePath());
    }

    /** A file system of the superuser; close it after use. */
    public FileSystem openSuperuserFileSystem() throws IOException, InterruptedException {
        final Configuration configuration = new Configuration(cluster.getConfiguration(0));
        return asSuperuser(() -> FileSystem.newInstance(cluster.getURI(), configuration));
    }

    /** Writes the client configuration an operator would hand NiFi: fs.defaultFS, Kerberos on, the NameNode principal. */
    public java.nio.file.Path writeClientConfiguration(final java.nio.file.Path directory) throws IOException {
        Files.createDirectories(directory);
        final Configuration client = new Configuration(false);
        client.set("fs.defaultFS", cluster.getURI().toString());
        client.set("hadoop.security.authentication", "kerberos");
        client.set("dfs.namenode.kerberos.principal", clusterConfiguration.get("dfs.namenode.kerberos.principal"));
        client.set("dfs.datanode.kerberos.principal", clusterConfiguration.get("dfs.datanode.kerberos.principal"));
        client.set("dfs.block.access.token.enable", "true");
        client.set("dfs.replication", "1");
        client.set("dfs.client.block.write.replace-datanode-on-failure.enable", "false");
        final java.nio.file.Path file = directory.resolve("hdfs-site.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            client.writeXml(out);
        }
        return file;
    }

    /** A home directory for the user, owned by the user. */
    public void createUserDirectory(final String path) throws IOException, InterruptedException {
        createDirectory(path, USER, (short) 0755);
    }

    /** A directory owned by {@code owner} (also its group) with the given permission, such as {@code 0700}. */
    public void createDirectory(final String path, final String owner, final short permission) throws IOException, InterruptedException {
        asSuperuser(() -> {
            try (FileSystem superuser = FileSystem.newInstance(cluster.getURI(), new Configuration(cluster.getConfiguration(0)))) {
                superuser.mkdirs(new Path(path));
                superuser.setOwner(new Path(path), owner, owner);
                superuser.setPermission(new Path(path), new FsPermission(permission));
            }
            return null;
        });
    }
}
