package io.nififusion.services.hdfs;

import io.nififusion.core.ErrorMessages;
import org.apache.nifi.security.krb.KerberosUser;

import javax.security.auth.DestroyFailedException;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KerberosTicket;
import java.security.PrivilegedAction;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Kerberos login of one source connection, renewed before its ticket expires.
 * <p>
 * Hadoop runs every call of the connection in a subject of its own that always holds a current ticket-granting
 * ticket (TGT): a copy of the one the Kerberos User holds. A relogin of the Kerberos User empties and destroys the
 * credentials of the user's own subject while it logs in again; calls that set up a connection to the NameNode at that
 * moment still find a valid ticket in Hadoop's subject, and the file system created once at enable time keeps working
 * across any number of relogins, whatever subject the Kerberos User Service implementation hands out.
 * <p>
 * When a renewal fails (keytab removed or replaced, KDC unreachable), calls go on with the current ticket while it
 * lasts (with a warning); once it has expired they fail with a {@link SourceLoginException} naming the principal, and
 * the next call tries to log in again, so restoring the keytab is enough to recover.
 */
final class KerberosLogin {
    private static final String TICKET_GRANTING_SERVICE = "krbtgt/";

    private final KerberosUser user;
    private final Subject hadoopSubject;
    private final Consumer<String> warnings;
    private volatile Date ticketEnd;

    private KerberosLogin(final KerberosUser user, final Consumer<String> warnings) {
        this.user = user;
        this.warnings = warnings;
        this.hadoopSubject = new Subject(false, Set.of(new KerberosPrincipal(user.getPrincipal())), Set.of(), Set.of());
    }

    /** Logs the user in and hands its ticket to a new subject for Hadoop. */
    static KerberosLogin login(final KerberosUser user, final Consumer<String> warnings) throws SourceLoginException {
        final KerberosLogin login = new KerberosLogin(user, warnings);
        try {
            user.login();
        } catch (final RuntimeException e) {
            throw new SourceLoginException(user.getPrincipal(), "could not log in", e);
        }
        login.takeTicketOfUser();
        return login;
    }

    /** The subject Hadoop runs calls in: the principal and a copy of its current ticket-granting ticket. */
    Subject getHadoopSubject() {
        return hadoopSubject;
    }

    String getPrincipal() {
        return user.getPrincipal();
    }

    /**
     * Logs in again when the Kerberos User says its ticket is close to expiry (NiFi's users renew after 80% of its life),
     * or when an earlier renewal failed.
     *
     * @return whether Hadoop's subject holds a new ticket now
     * @throws SourceLoginException when the renewal failed and the ticket Hadoop holds has expired
     */
    synchronized boolean renew() throws SourceLoginException {
        final boolean renewed;
        try {
            if (user.isLoggedIn()) {
                renewed = user.checkTGTAndRelogin();
            } else {
                // a failed relogin leaves the user logged out: this is the next attempt
                user.login();
                renewed = true;
            }
        } catch (final RuntimeException e) {
            final Date end = ticketEnd;
            if (end != null && end.after(new Date())) {
                warnings.accept("Could not renew the Kerberos login of " + user.getPrincipal() + " (calls go on with its ticket until it expires at "
                        + end.toInstant() + "): " + ErrorMessages.describe(e));
                return false;
            }
            throw new SourceLoginException(user.getPrincipal(), "its ticket expired" + (end == null ? "" : " at " + end.toInstant())
                    + " and could not be renewed", e);
        }
        if (renewed) {
            takeTicketOfUser();
        }
        return renewed;
    }

    void logout() {
        replaceTickets(List.of());
        user.logout();
    }

    private void takeTicketOfUser() throws SourceLoginException {
        final Subject userSubject;
        try {
            userSubject = user.doAs((PrivilegedAction<Subject>) Subject::current);
        } catch (final RuntimeException e) {
            throw new SourceLoginException(user.getPrincipal(), "its credentials could not be read", e);
        }
        final List<KerberosTicket> fresh = new ArrayList<>();
        if (userSubject != null) {
            for (final KerberosTicket ticket : userSubject.getPrivateCredentials(KerberosTicket.class)) {
                if (isTicketGrantingTicket(ticket) && ticket.isCurrent()) {
                    fresh.add(copyOf(ticket));
                }
            }
        }
        if (fresh.isEmpty()) {
            throw new SourceLoginException(user.getPrincipal(), "the login produced no current ticket-granting ticket", null);
        }
        replaceTickets(fresh);
    }

    /** Adds the new tickets before it removes the old ones, so a concurrent call always finds one. */
    private void replaceTickets(final List<KerberosTicket> fresh) {
        final Set<Object> credentials = hadoopSubject.getPrivateCredentials();
        final List<KerberosTicket> old = new ArrayList<>();
        synchronized (credentials) {
            for (final Object credential : credentials) {
                if (credential instanceof KerberosTicket ticket && isTicketGrantingTicket(ticket)) {
                    old.add(ticket);
                }
            }
            credentials.addAll(fresh);
            credentials.removeAll(old);
        }
        ticketEnd = fresh.stream().map(KerberosTicket::getEndTime).max(Date::compareTo).orElse(null);
        for (final KerberosTicket ticket : old) {
            try {
                ticket.destroy();
            } catch (final DestroyFailedException e) {
                // a ticket nobody holds any more: the garbage collector has it
            }
        }
    }

    private static boolean isTicketGrantingTicket(final KerberosTicket ticket) {
        return ticket.getServer() != null && ticket.getServer().getName().startsWith(TICKET_GRANTING_SERVICE);
    }

    /** An independent ticket: the Kerberos User destroys its own at logout. */
    private static KerberosTicket copyOf(final KerberosTicket ticket) {
        return new KerberosTicket(ticket.getEncoded(), ticket.getClient(), ticket.getServer(), ticket.getSessionKey().getEncoded(),
                ticket.getSessionKeyType(), ticket.getFlags(), ticket.getAuthTime(), ticket.getStartTime(), ticket.getEndTime(),
                ticket.getRenewTill(), ticket.getClientAddresses());
    }
}
