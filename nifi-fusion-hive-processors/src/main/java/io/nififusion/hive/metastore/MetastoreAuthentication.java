package io.nififusion.hive.metastore;

import io.nififusion.core.ErrorMessages;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.SecurityUtil;
import org.apache.hadoop.security.UserGroupInformation;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.PrivilegedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a metastore connection authenticates: not at all (a metastore without {@code metastore.sasl.enabled}), or with
 * SASL (Kerberos, GSSAPI) to the metastore's service principal as a {@link MetastoreUser}. The principal may name its
 * host as {@code _HOST}, which stands for the canonical name of each metastore URI's host, as Hive's own client resolves it.
 */
public final class MetastoreAuthentication {
    static final String SASL_ENABLED = "metastore.sasl.enabled";
    static final String SERVER_PRINCIPAL = "metastore.kerberos.principal";
    static final String RPC_PROTECTION = "hadoop.rpc.protection";
    /**
     * Every quality of protection, strongest first: the GSSAPI client takes the first one the metastore offers, so the
     * connection is encrypted, integrity-checked or only authenticated as the metastore's own hadoop.rpc.protection requires.
     */
    static final String ANY_PROTECTION = "privacy,integrity,authentication";
    private static final Pattern SERVICE_PRINCIPAL = Pattern.compile("[^/@\\s]+/[^/@\\s]+@[^/@\\s]+");
    private static final String TICKET_GRANTING_SERVICE = "krbtgt/";
    private static final MetastoreAuthentication NONE = new MetastoreAuthentication(null, null);

    private final String serverPrincipal;
    private final MetastoreUser user;

    private MetastoreAuthentication(final String serverPrincipal, final MetastoreUser user) {
        this.serverPrincipal = serverPrincipal;
        this.user = user;
    }

    /** No SASL: the metastore accepts plain connections. */
    public static MetastoreAuthentication none() {
        return NONE;
    }

    /**
     * SASL with Kerberos.
     *
     * @param serverPrincipal the metastore's principal, such as {@code hive/_HOST@EXAMPLE.COM}
     * @param user who the connection authenticates as
     */
    public static MetastoreAuthentication kerberos(final String serverPrincipal, final MetastoreUser user) {
        if (user == null) {
            throw new IllegalArgumentException("A metastore with SASL needs a Kerberos user to authenticate as");
        }
        return new MetastoreAuthentication(checkServerPrincipal(serverPrincipal), user);
    }

    /** @throws IllegalArgumentException unless the principal has the form {@code service/host@REALM} */
    public static String checkServerPrincipal(final String principal) {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("No metastore principal given: name it as hive/_HOST@EXAMPLE.COM");
        }
        final String stripped = principal.strip();
        if (!SERVICE_PRINCIPAL.matcher(stripped).matches()) {
            throw new IllegalArgumentException("Metastore principal [" + stripped + "] must have the form service/host@REALM, such as "
                    + "hive/_HOST@EXAMPLE.COM (the metastore's metastore.kerberos.principal; _HOST stands for the host of each metastore URI)");
        }
        return stripped;
    }

    public boolean isSasl() {
        return serverPrincipal != null;
    }

    public String getServerPrincipal() {
        return serverPrincipal;
    }

    /** Adds the client's SASL settings to a metastore client configuration; none without SASL. */
    void applyTo(final Configuration configuration) {
        if (!isSasl()) {
            return;
        }
        configuration.setBoolean(SASL_ENABLED, true);
        configuration.set(SERVER_PRINCIPAL, serverPrincipal);
        configuration.set(RPC_PROTECTION, ANY_PROTECTION);
    }

    /**
     * The user to open clients and make calls as, logged in with a current ticket-granting ticket; null without SASL.
     *
     * @throws MetastoreReplicationException {@link MetastoreErrorCode#METASTORE_UNAVAILABLE} when the user cannot log in
     *         or holds no ticket: the metastore cannot be reached until that is fixed, and nothing about a record is wrong
     */
    UserGroupInformation authenticate(final String uri) throws MetastoreReplicationException {
        if (!isSasl()) {
            return null;
        }
        final UserGroupInformation current;
        try {
            current = user.login();
        } catch (final IOException | RuntimeException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Metastore " + uri + " requires SASL (Kerberos) as "
                    + user.describe() + ", whose login failed: " + ErrorMessages.describe(e), e);
        }
        if (!holdsTicketGrantingTicket(current)) {
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE, "Metastore " + uri + " requires SASL (Kerberos) with principal "
                    + serverPrincipal + ", but " + user.describe() + " holds no current Kerberos ticket: give it a Kerberos login (a Kerberos User Service "
                    + "with a keytab), or clear the metastore principal if the metastore does not require SASL");
        }
        return current;
    }

    /**
     * Asks the KDC for a service ticket to the metastore of each URI as the user: the SASL handshake itself reports only
     * "GSS initiate failed", this says why (an unknown principal, a KDC that cannot be reached).
     *
     * @return what the KDC said for each host, one line each
     */
    List<ServiceTicketResult> checkServiceTickets(final UserGroupInformation current, final String uris) {
        final List<ServiceTicketResult> results = new ArrayList<>();
        for (final String part : uris.split(",")) {
            final String host = URI.create(part.strip()).getHost();
            final String resolved;
            try {
                resolved = resolveServerPrincipal(host);
            } catch (final IOException e) {
                results.add(new ServiceTicketResult(host, serverPrincipal, "cannot be resolved for host " + host + ": " + ErrorMessages.describe(e)));
                continue;
            }
            results.add(new ServiceTicketResult(host, resolved, KerberosServiceTicket.problem(current, resolved)));
        }
        return results;
    }

    /** The server principal for a metastore host: {@code _HOST} replaced by the host's canonical name, in lower case. */
    String resolveServerPrincipal(final String host) throws IOException {
        return SecurityUtil.getServerPrincipal(serverPrincipal, canonicalHostName(host));
    }

    /** For messages: {@code SASL (Kerberos) as alice@EXAMPLE.COM (...) to hive/_HOST@EXAMPLE.COM}, or {@code no SASL}. */
    public String describe() {
        return isSasl() ? "SASL (Kerberos) as " + user.describe() + " to " + serverPrincipal : "no SASL";
    }

    private static String canonicalHostName(final String host) {
        try {
            return InetAddress.getByName(host).getCanonicalHostName();
        } catch (final UnknownHostException e) {
            // as Hive's client does: the name as given
            return host;
        }
    }

    private static boolean holdsTicketGrantingTicket(final UserGroupInformation current) {
        final Subject subject = current.doAs((PrivilegedAction<Subject>) Subject::current);
        if (subject == null) {
            return false;
        }
        for (final KerberosTicket ticket : subject.getPrivateCredentials(KerberosTicket.class)) {
            if (ticket.getServer() != null && ticket.getServer().getName().startsWith(TICKET_GRANTING_SERVICE) && ticket.isCurrent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the KDC said about the service ticket of one metastore host.
     *
     * @param principal the principal resolved for the host
     * @param problem why no ticket was issued, or null when one was
     */
    record ServiceTicketResult(String host, String principal, String problem) {
        boolean issued() {
            return problem == null;
        }
    }
}
