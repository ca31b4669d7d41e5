package io.nififusion.services.target;

import org.apache.nifi.context.PropertyContext;


/**
 * Where the target storage is: the account, filesystem and endpoint the properties name, completed from the default
 * storage ({@code fs.defaultFS}) of the HDInsight cluster, read through Ambari, for what they leave empty; and the
 * cluster's Hive Metastore, for the Hive processors.
 */
final class HdInsightDiscovery {
    static final String HIVE_SITE = "hive-site";
    static final String HIVE_METASTORE_URIS = "hive.metastore.uris";
    static final String STEP = "Read HDInsight Cluster";

    /**
     * The cluster as Ambari reports it, and its default storage.
     *
     * @param cluster name, state and health of the cluster
     * @param defaultStorage the ADLS Gen2 location of its {@code fs.defaultFS}
     */
    record DiscoveredStorage(AmbariCluster cluster, AbfsLocation defaultStorage) {
        String describe() {
            return "HDInsight " + cluster.describe() + "; default storage " + cluster.defaultFileSystem()
                    + " (account " + defaultStorage.accountName() + ", filesystem " + defaultStorage.fileSystem() + ")";
        }
    }

    private HdInsightDiscovery() {
    }

    static boolean isClusterSet(final PropertyContext context) {
        return context.getProperty(FusionTargetProperties.HDINSIGHT_CLUSTER_URL).isSet();
    }

    /** Whether the cluster must be read: it is set, and the account, filesystem or endpoint suffix is left to it. */
    static boolean needsClusterDefaultStorage(final PropertyContext context) {
        return isClusterSet(context)
                && (!context.getProperty(FusionTargetProperties.STORAGE_ACCOUNT_NAME).isSet()
                || !context.getProperty(FusionTargetProperties.FILESYSTEM_NAME).isSet()
                || endpointSuffix(context) == null);
    }

    /** Reads the cluster and its default storage from Ambari; the failure names what went wrong, never the password. */
    static DiscoveredStorage discover(final PropertyContext context, final HttpConnectionSettings connections) throws AmbariException {
        final AmbariCluster cluster;
        try (AmbariClient client = AmbariEndpoint.of(context, connections).open()) {
            cluster = client.readCluster();
        }
        try {
            return new DiscoveredStorage(cluster, AbfsLocation.parse(cluster.defaultFileSystem()));
        } catch (final IllegalArgumentException e) {
            throw new AmbariException(e.getMessage(), e);
        }
    }

    /** The Thrift URIs of the cluster's Hive Metastore, {@code hive.metastore.uris} of its hive-site, as Ambari has them now. */
    static String hiveMetastoreUris(final AmbariEndpoint ambari) throws AmbariException {
        try (AmbariClient client = ambari.open()) {
            final String uris = client.readDesiredProperty(HIVE_SITE, HIVE_METASTORE_URIS).strip();
            if (uris.isEmpty()) {
                throw new AmbariException(ambari + ": hive-site has an empty " + HIVE_METASTORE_URIS);
            }
            return uris;
        }
    }

    /** The endpoint: properties that are set win over the cluster's default storage (null when not read). */
    static StorageEndpoint resolveEndpoint(final PropertyContext context, final AbfsLocation defaultStorage) {
        final String accountName = firstSet(context.getProperty(FusionTargetProperties.STORAGE_ACCOUNT_NAME).getValue(),
                defaultStorage == null ? null : defaultStorage.accountName());
        final String fileSystemName = firstSet(context.getProperty(FusionTargetProperties.FILESYSTEM_NAME).getValue(),
                defaultStorage == null ? null : defaultStorage.fileSystem());
        if (accountName == null || fileSystemName == null) {
            throw new IllegalStateException(FusionTargetProperties.STORAGE_ACCOUNT_NAME.getDisplayName() + " and "
                    + FusionTargetProperties.FILESYSTEM_NAME.getDisplayName() + " are required unless "
                    + FusionTargetProperties.HDINSIGHT_CLUSTER_URL.getDisplayName() + " is set");
        }
        final EndpointSuffix suffix = endpointSuffix(context);
        if (suffix == EndpointSuffix.CUSTOM) {
            return StorageEndpoint.forCustom(accountName, fileSystemName, context.getProperty(FusionTargetProperties.CUSTOM_ENDPOINT).getValue());
        }
        if (suffix != null) {
            return StorageEndpoint.forCloud(accountName, fileSystemName, suffix.getSuffix());
        }
        if (defaultStorage != null) {
            return StorageEndpoint.forCloud(accountName, fileSystemName, defaultStorage.endpointSuffix());
        }
        return StorageEndpoint.forCloud(accountName, fileSystemName, EndpointSuffix.AZURE_PUBLIC.getSuffix());
    }

    static EndpointSuffix endpointSuffix(final PropertyContext context) {
        return context.getProperty(FusionTargetProperties.ENDPOINT_SUFFIX).isSet()
                ? context.getProperty(FusionTargetProperties.ENDPOINT_SUFFIX).asAllowableValue(EndpointSuffix.class)
                : null;
    }

    private static String firstSet(final String explicit, final String fallback) {
        return explicit == null || explicit.isBlank() ? fallback : explicit.strip();
    }
}
