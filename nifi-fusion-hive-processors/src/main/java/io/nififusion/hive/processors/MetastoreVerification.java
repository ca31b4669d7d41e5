package io.nififusion.hive.processors;

import io.nififusion.hive.metastore.MetastoreConnection;
import io.nififusion.hive.metastore.MetastoreReplicationException;
import io.nififusion.services.verification.VerificationReport;
import org.apache.nifi.components.ConfigVerificationResult;

import java.util.List;

/** The Kerberos step of a Hive processor's Verify, before it connects to a metastore with SASL. */
final class MetastoreVerification {

    private MetastoreVerification() {
    }

    /**
     * Adds the Kerberos step for a connection with SASL (the user's login and ticket, the metastore's service tickets);
     * adds nothing without SASL. When the step fails, the connection step is added as skipped.
     *
     * @return whether connecting may go on
     */
    static boolean kerberos(final List<ConfigVerificationResult> results, final String kerberosStep, final String connectStep,
                            final MetastoreConnection connection) {
        if (!connection.getAuthentication().isSasl()) {
            return true;
        }
        try {
            results.add(VerificationReport.successful(kerberosStep, connection.checkKerberos()));
            return true;
        } catch (final MetastoreReplicationException e) {
            results.add(VerificationReport.failed(kerberosStep, e.getMessage()));
            results.add(VerificationReport.skipped(connectStep, "No Kerberos authentication to connect with"));
            return false;
        }
    }
}
