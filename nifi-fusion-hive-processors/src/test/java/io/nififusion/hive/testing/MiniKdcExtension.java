package io.nififusion.hive.testing;

import org.apache.hadoop.minikdc.MiniKdc;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * A real KDC ({@link MiniKdc}, realm {@code EXAMPLE.COM}) for a test class, with no Hadoop service logged in: the JVM's
 * own Hadoop login user holds no Kerberos credentials, so a metastore call made outside the configured user's
 * {@code doAs} fails instead of passing as some service principal. Principals get a keytab each.
 */
public final class MiniKdcExtension implements BeforeAllCallback, AfterAllCallback {
    private final Duration ticketLifetime;
    private Path workDirectory;
    private MiniKdc kdc;

    /** A KDC with MiniKdc's default ticket lifetime (a day). */
    public MiniKdcExtension() {
        this(null);
    }

    private MiniKdcExtension(final Duration ticketLifetime) {
        this.ticketLifetime = ticketLifetime;
    }

    /** A KDC whose tickets live for the given time, at least one second (tickets carry whole seconds, and are not renewable). */
    public static MiniKdcExtension withTicketLifetime(final Duration ticketLifetime) {
        if (ticketLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("The KDC issues tickets of whole seconds, at least 1: " + ticketLifetime);
        }
        return new MiniKdcExtension(ticketLifetime);
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        workDirectory = Files.createTempDirectory("nifi-fusion-hive-kdc");
        final Properties configuration = MiniKdc.createConf();
        if (ticketLifetime != null) {
            configuration.setProperty(MiniKdc.MAX_TICKET_LIFETIME, Long.toString(ticketLifetime.toSeconds()));
            configuration.setProperty(MiniKdc.MIN_TICKET_LIFETIME, "1");
        }
        kdc = new MiniKdc(configuration, workDirectory.resolve("kdc").toFile());
        kdc.start();
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        // The KDC must stop whatever happened, or its threads keep the JVM alive
        if (kdc != null) {
            kdc.stop();
            kdc = null;
        }
    }

    public String getRealm() {
        return kdc.getRealm();
    }

    /** The KDC's krb5.conf, which a child JVM needs as {@code java.security.krb5.conf}. */
    public File getKrb5Configuration() {
        return kdc.getKrb5conf();
    }

    /**
     * Creates a principal (such as {@code hive/localhost} or {@code alice}) with a keytab of its own.
     *
     * @return the keytab
     */
    public File createPrincipal(final String principal) throws Exception {
        final File keytab = workDirectory.resolve(principal.replace('/', '_') + ".keytab").toFile();
        kdc.createPrincipal(keytab, principal);
        return keytab;
    }

    /** The principal with the realm, such as {@code alice@EXAMPLE.COM}. */
    public String qualify(final String principal) {
        return principal + "@" + kdc.getRealm();
    }
}
