package io.nififusion.hive.processors;

import io.nififusion.hive.metastore.MetastoreConnection;
import io.nififusion.hive.metastore.MetastoreErrorCode;
import io.nififusion.hive.metastore.MetastoreReplicationException;
import io.nififusion.services.target.FusionTargetService;
import org.apache.nifi.context.PropertyContext;

import java.io.IOException;

/**
 * The Thrift URI of the target metastore: Target Metastore URI when it is set, else the HDInsight cluster's own
 * ({@code hive.metastore.uris} of its hive-site), read through the Fusion Target Service's Ambari endpoint each time a
 * processor starts or verifies, so a metastore the cluster moved is followed on the next start.
 */
final class TargetMetastoreUri {

    private TargetMetastoreUri() {
    }

    static String resolve(final PropertyContext context, final FusionTargetService targetService) throws MetastoreReplicationException {
        final String given = context.getProperty(HiveMetastoreProperties.TARGET_METASTORE_URI).evaluateAttributeExpressions().getValue();
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        final String discovered;
        try {
            discovered = targetService.discoverHiveMetastoreUris();
        } catch (final IOException | IllegalStateException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_UNAVAILABLE,
                    HiveMetastoreProperties.TARGET_METASTORE_URI.getDisplayName() + " is not set and the HDInsight cluster's cannot be read: " + e.getMessage(), e);
        }
        try {
            return MetastoreConnection.checkUri(discovered);
        } catch (final IllegalArgumentException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.METASTORE_REQUEST_REJECTED,
                    "The HDInsight cluster's hive.metastore.uris [" + discovered + "] cannot be used: " + e.getMessage(), e);
        }
    }

    /** The URI, and where it came from when it was not given. */
    static String describe(final PropertyContext context, final String uri) {
        final String given = context.getProperty(HiveMetastoreProperties.TARGET_METASTORE_URI).evaluateAttributeExpressions().getValue();
        return given != null && !given.isBlank() ? uri : uri + " (the HDInsight cluster's hive.metastore.uris)";
    }
}
