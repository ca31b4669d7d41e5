package io.nififusion.hive.processors;

import io.nififusion.hive.metastore.MetastoreAuthentication;
import io.nififusion.hive.metastore.MetastoreConnection;
import io.nififusion.hive.metastore.MetastoreReplicationException;
import io.nififusion.services.hdfs.HdfsSourceService;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.kerberos.KerberosUserService;

import java.util.concurrent.TimeUnit;

/**
 * The connections of the Hive processors to their two metastores, from the properties: the URI, the timeout and the
 * authentication, SASL with Kerberos when a metastore principal is set. The source authenticates as the HDFS Source
 * Service's user; the target, whose realm is another, as the Target Kerberos User Service's principal.
 */
final class MetastoreConnections {
    static final String TARGET_USER_ROLE = HiveMetastoreProperties.TARGET_KERBEROS_USER_SERVICE.getDisplayName();

    private MetastoreConnections() {
    }

    /** @param sourceService the HDFS Source Service; may be null when no Source Metastore Principal is set */
    static MetastoreConnection source(final PropertyContext context, final HdfsSourceService sourceService, final int pool) {
        final String uri = context.getProperty(HiveMetastoreProperties.SOURCE_METASTORE_URI).evaluateAttributeExpressions().getValue();
        final String principal = principal(context, HiveMetastoreProperties.SOURCE_METASTORE_PRINCIPAL);
        final MetastoreAuthentication authentication = principal == null ? MetastoreAuthentication.none()
                : MetastoreAuthentication.kerberos(principal, new HdfsSourceUser(sourceService));
        return new MetastoreConnection(uri, authentication, timeoutSeconds(context), pool);
    }

    /** @param targetUser the login of the Target Kerberos User Service; null when no Target Metastore Principal is set */
    static MetastoreConnection target(final PropertyContext context, final String uri, final KerberosUserLogin targetUser, final int pool) {
        final String principal = principal(context, HiveMetastoreProperties.TARGET_METASTORE_PRINCIPAL);
        final MetastoreAuthentication authentication = principal == null ? MetastoreAuthentication.none()
                : MetastoreAuthentication.kerberos(principal, targetUser);
        return new MetastoreConnection(uri, authentication, timeoutSeconds(context), pool);
    }

    /** Logs the Target Kerberos User Service's principal in; null when the target metastore has no SASL. */
    static KerberosUserLogin loginTargetUser(final PropertyContext context) throws MetastoreReplicationException {
        if (principal(context, HiveMetastoreProperties.TARGET_METASTORE_PRINCIPAL) == null) {
            return null;
        }
        final KerberosUserService service = context.getProperty(HiveMetastoreProperties.TARGET_KERBEROS_USER_SERVICE).asControllerService(KerberosUserService.class);
        return KerberosUserLogin.login(service, TARGET_USER_ROLE);
    }

    static boolean isSourceSasl(final PropertyContext context) {
        return principal(context, HiveMetastoreProperties.SOURCE_METASTORE_PRINCIPAL) != null;
    }

    static boolean isTargetSasl(final PropertyContext context) {
        return principal(context, HiveMetastoreProperties.TARGET_METASTORE_PRINCIPAL) != null;
    }

    private static String principal(final PropertyContext context, final PropertyDescriptor property) {
        final String value = context.getProperty(property).evaluateAttributeExpressions().getValue();
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int timeoutSeconds(final PropertyContext context) {
        return Math.max(1, context.getProperty(HiveMetastoreProperties.METASTORE_TIMEOUT).asTimePeriod(TimeUnit.SECONDS).intValue());
    }
}
