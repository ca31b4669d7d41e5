package io.nififusion.services.target;

import org.apache.nifi.context.PropertyContext;

import java.net.URI;
import java.time.Duration;

/**
 * Where and as whom the Ambari REST API of the HDInsight cluster is read: the cluster URL, the Ambari user and
 * password, and the TLS trust and proxy of the target service. Its text never holds the password.
 */
final class AmbariEndpoint {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI clusterUrl;
    private final String user;
    private final String password;
    private final HttpConnectionSettings connections;

    private AmbariEndpoint(final URI clusterUrl, final String user, final String password, final HttpConnectionSettings connections) {
        this.clusterUrl = clusterUrl;
        this.user = user;
        this.password = password;
        this.connections = connections;
    }

    /** The endpoint the properties name; the failure says what is wrong with the URL. */
    static AmbariEndpoint of(final PropertyContext context, final HttpConnectionSettings connections) throws AmbariException {
        final URI clusterUrl;
        try {
            clusterUrl = URI.create(context.getProperty(FusionTargetProperties.HDINSIGHT_CLUSTER_URL).getValue().strip());
            AmbariClient.requireSecureUrl(clusterUrl);
        } catch (final IllegalArgumentException e) {
            throw new AmbariException(e.getMessage(), e);
        }
        return new AmbariEndpoint(clusterUrl, context.getProperty(FusionTargetProperties.AMBARI_USER).getValue(),
                context.getProperty(FusionTargetProperties.AMBARI_PASSWORD).getValue(), connections);
    }

    AmbariClient open() {
        return new AmbariClient(clusterUrl, user, password, TIMEOUT, connections);
    }

    @Override
    public String toString() {
        return "Ambari at " + clusterUrl + " as " + user;
    }
}
