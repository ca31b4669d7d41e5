package io.nififusion.testkit.kerberos;

import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.kerberos.KerberosUserService;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.security.krb.KerberosLoginException;
import org.apache.nifi.security.krb.KerberosUser;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import java.security.PrivilegedAction;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A keytab {@link KerberosUserService} for tests: NiFi's own implementation is not published for 2.x, so this one
 * logs in through the JDK's Krb5LoginModule the same way, renews when 80% of the ticket's life has passed (as NiFi's
 * does), and counts its logins: each one is an exchange with the KDC that issued a new ticket-granting ticket.
 */
public class KeytabUserService extends AbstractControllerService implements KerberosUserService {
    public static final PropertyDescriptor PRINCIPAL = new PropertyDescriptor.Builder()
            .name("Kerberos Principal").required(true).addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();
    public static final PropertyDescriptor KEYTAB = new PropertyDescriptor.Builder()
            .name("Kerberos Keytab").required(true).addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();

    private final AtomicInteger logins = new AtomicInteger();
    private volatile String principal;
    private volatile String keytab;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return List.of(PRINCIPAL, KEYTAB);
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        principal = context.getProperty(PRINCIPAL).getValue();
        keytab = context.getProperty(KEYTAB).getValue();
    }

    @Override
    public KerberosUser createKerberosUser() {
        return new KeytabUser(principal, keytab, logins);
    }

    /** Successful logins of every user this service created: the ticket-granting tickets the KDC issued to them. */
    public int getLogins() {
        return logins.get();
    }

    static final class KeytabUser implements KerberosUser {
        private static final double RENEW_AFTER = 0.8;

        private final String principal;
        private final AppConfigurationEntry entry;
        private final AtomicInteger logins;
        private volatile Subject subject;
        private volatile LoginContext loginContext;

        KeytabUser(final String principal, final String keytab, final AtomicInteger logins) {
            this.principal = principal;
            this.logins = logins;
            this.entry = new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                    Map.of("principal", principal, "keyTab", keytab, "useKeyTab", "true", "storeKey", "true",
                            "doNotPrompt", "true", "refreshKrb5Config", "true", "isInitiator", "true"));
        }

        @Override
        public synchronized void login() {
            try {
                final Subject loginSubject = subject == null ? new Subject() : subject;
                final LoginContext context = new LoginContext("", loginSubject, null, new Configuration() {
                    @Override
                    public AppConfigurationEntry[] getAppConfigurationEntry(final String name) {
                        return new AppConfigurationEntry[] {entry};
                    }
                });
                context.login();
                loginContext = context;
                subject = loginSubject;
                logins.incrementAndGet();
            } catch (final LoginException e) {
                throw new KerberosLoginException("Unable to login " + principal + ": " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void logout() {
            if (loginContext != null) {
                try {
                    loginContext.logout();
                } catch (final LoginException e) {
                    throw new KerberosLoginException("Unable to logout " + principal, e);
                }
                loginContext = null;
            }
        }

        @Override
        public <T> T doAs(final PrivilegedAction<T> action) {
            requireLogin();
            return Subject.callAs(subject, action::run);
        }

        @Override
        public <T> T doAs(final PrivilegedExceptionAction<T> action) throws PrivilegedActionException {
            requireLogin();
            try {
                return Subject.callAs(subject, action::run);
            } catch (final CompletionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw new PrivilegedActionException(cause);
                }
                throw e;
            }
        }

        @Override
        public synchronized boolean checkTGTAndRelogin() {
            requireLogin();
            for (final KerberosTicket ticket : subject.getPrivateCredentials(KerberosTicket.class)) {
                final long start = ticket.getStartTime().getTime();
                final long end = ticket.getEndTime().getTime();
                final boolean nearExpiry = System.currentTimeMillis() > start + (long) ((end - start) * RENEW_AFTER);
                if (ticket.getServer().getName().startsWith("krbtgt/") && nearExpiry) {
                    logout();
                    login();
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean isLoggedIn() {
            return loginContext != null;
        }

        @Override
        public String getPrincipal() {
            return principal;
        }

        @Override
        public AppConfigurationEntry getConfigurationEntry() {
            return entry;
        }

        private void requireLogin() {
            if (loginContext == null) {
                throw new IllegalStateException("Kerberos user " + principal + " is not logged in");
            }
        }
    }
}
