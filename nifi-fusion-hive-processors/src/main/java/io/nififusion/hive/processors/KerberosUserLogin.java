package io.nififusion.hive.processors;

import io.nififusion.core.ErrorMessages;
import io.nififusion.hive.metastore.MetastoreErrorCode;
import io.nififusion.hive.metastore.MetastoreReplicationException;
import io.nififusion.hive.metastore.MetastoreUser;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.nifi.kerberos.KerberosUserService;
import org.apache.nifi.security.krb.KerberosUser;

import javax.security.auth.Subject;
import java.io.IOException;
import java.security.PrivilegedAction;

/**
 * The target metastore's identity: a login of a Kerberos User Service's principal, seen by Hadoop (whose SASL transport
 * runs as a {@link UserGroupInformation}) through the user's own subject. NiFi's Kerberos users keep that subject across
 * renewals, so the Hadoop user made once sees every new ticket; each {@link #login()} renews first when the ticket is close
 * to expiry.
 */
final class KerberosUserLogin implements MetastoreUser, AutoCloseable {
    private final KerberosUser user;
    private final String role;
    private final UserGroupInformation hadoopUser;

    private KerberosUserLogin(final KerberosUser user, final String role, final UserGroupInformation hadoopUser) {
        this.user = user;
        this.role = role;
        this.hadoopUser = hadoopUser;
    }

    /**
     * Logs a new user of the service in.
     *
     * @param role what the user is for, in messages, such as {@code Target Kerberos User Service}
     * @throws MetastoreReplicationException {@link MetastoreErrorCode#METASTORE_UNAVAILABLE} when the login fails
     */
    static KerberosUserLogin login(final KerberosUserService service, final String role) throws MetastoreReplicationException {
        final KerberosUser user = service.createKerberosUser();
        try {
            user.login();
            final Subject subject = user.doAs((PrivilegedAction<Subject>) Subject::current);
            return new KerberosUserLogin(user, role, UserGroupInformation.getUGIFromSubject(subject));
        } catch (final IOException | RuntimeException e) {
            logout(user);
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Kerberos login of " + user.getPrincipal() + " ("
                    + role + ") failed: " + ErrorMessages.describe(e) + "; check its keytab (or password) and that the KDC knows the principal", e);
        }
    }

    @Override
    public synchronized UserGroupInformation login() throws IOException {
        try {
            user.checkTGTAndRelogin();
        } catch (final RuntimeException e) {
            throw new IOException("Kerberos login of " + user.getPrincipal() + " (" + role + ") could not be renewed: " + ErrorMessages.describe(e)
                    + "; check its keytab (or password) and that the KDC knows the principal", e);
        }
        return hadoopUser;
    }

    @Override
    public String describe() {
        return user.getPrincipal() + " (the " + role + "'s principal)";
    }

    @Override
    public void close() {
        logout(user);
    }

    private static void logout(final KerberosUser user) {
        try {
            user.logout();
        } catch (final RuntimeException e) {
            // a user that cannot log out holds nothing more to release
        }
    }
}
