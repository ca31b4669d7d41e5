package io.nififusion.hive.metastore;

import io.nififusion.core.ErrorMessages;
import org.apache.hadoop.security.UserGroupInformation;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

import java.io.IOException;
import java.security.PrivilegedExceptionAction;

/**
 * Obtains a Kerberos service ticket for a principal as a user, the first step of a GSSAPI handshake, without talking
 * to the service: it names the problem (a principal the KDC does not know, no ticket-granting ticket) that a failed
 * SASL handshake hides behind "GSS initiate failed". The ticket lands in the user's credentials, where the next
 * handshake finds it.
 */
final class KerberosServiceTicket {
    private static final String KERBEROS_MECHANISM = "1.2.840.113554.1.2.2";

    private KerberosServiceTicket() {
    }

    /**
     * @param principal a service principal, {@code service/host@REALM}
     * @return null when the KDC issued the ticket, else why not
     */
    static String problem(final UserGroupInformation user, final String principal) {
        final String[] parts = principal.split("[/@]");
        // the name SASL's GSSAPI client asks for: service@host, the realm found as for any host
        final String hostBasedName = parts[0] + "@" + parts[1];
        try {
            return user.doAs((PrivilegedExceptionAction<String>) () -> {
                final GSSManager manager = GSSManager.getInstance();
                try {
                    final GSSName server = manager.createName(hostBasedName, GSSName.NT_HOSTBASED_SERVICE);
                    final GSSContext context = manager.createContext(server, new Oid(KERBEROS_MECHANISM), null, GSSContext.DEFAULT_LIFETIME);
                    try {
                        context.initSecContext(new byte[0], 0, 0);
                        return null;
                    } finally {
                        context.dispose();
                    }
                } catch (final GSSException e) {
                    return "the KDC issued no service ticket for " + principal + " to " + user.getUserName() + ": " + e.getMessage();
                }
            });
        } catch (final IOException | RuntimeException e) {
            return "no service ticket for " + principal + " could be requested as " + user.getUserName() + ": " + ErrorMessages.describe(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while requesting a service ticket for " + principal;
        }
    }
}
