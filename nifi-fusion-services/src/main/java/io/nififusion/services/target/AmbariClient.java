package io.nififusion.services.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads cluster state, default storage and configuration from the Ambari REST API of an HDInsight cluster
 * ({@code https://<cluster>.azurehdinsight.net/api/v1/...}, HTTP basic authentication):
 * <ol>
 *     <li>{@code GET /api/v1/clusters}: the cluster name;</li>
 *     <li>{@code GET /api/v1/clusters/<name>?fields=Clusters/provisioning_state,Clusters/health_report,Clusters/desired_configs}:
 *     state, host health and the tag of the desired core-site;</li>
 *     <li>{@code GET /api/v1/clusters/<name>/configurations?type=core-site&tag=<tag>}: {@code fs.defaultFS} (and likewise
 *     any property of a desired configuration, such as {@code hive.metastore.uris} of hive-site).</li>
 * </ol>
 */
public final class AmbariClient implements AutoCloseable {
    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final String CORE_SITE = "core-site";
    private static final String DEFAULT_FS = "fs.defaultFS";

    private final URI baseUri;
    private final String user;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient httpClient;
    private final String proxyAuthorization;

    public AmbariClient(final URI clusterUrl, final String user, final String password, final Duration timeout) {
        this(clusterUrl, user, password, timeout, HttpConnectionSettings.DEFAULTS);
    }

    /** A client that connects with the TLS trust and through the proxy of the settings. */
    public AmbariClient(final URI clusterUrl, final String user, final String password, final Duration timeout, final HttpConnectionSettings connections) {
        Objects.requireNonNull(clusterUrl, "Cluster URL required");
        final String text = clusterUrl.toString();
        this.baseUri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.user = Objects.requireNonNull(user, "Ambari user required");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + Objects.requireNonNull(password, "Ambari password required"))
                .getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.httpClient = connections.newClient(timeout, true);
        this.proxyAuthorization = connections.proxyAuthorization();
    }

    /** Checks the URL the operator typed: HTTPS, or HTTP to a loopback address only. */
    public static void requireSecureUrl(final URI clusterUrl) {
        final String scheme = clusterUrl.getScheme() == null ? "" : clusterUrl.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme)) {
            return;
        }
        if ("http".equals(scheme) && LoopbackHosts.isLoopback(clusterUrl.getHost())) {
            return;
        }
        throw new IllegalArgumentException("HDInsight Cluster URL [" + clusterUrl + "] must use https:// (plain http is allowed for loopback addresses only)");
    }

    public AmbariCluster readCluster() throws AmbariException {
        final String clusterName = readClusterName();
        final JsonNode cluster = readClusterFields(clusterName);
        final Map<String, Long> healthReport = new HashMap<>();
        for (final Map.Entry<String, JsonNode> entry : cluster.path("health_report").properties()) {
            healthReport.put(entry.getKey(), entry.getValue().asLong());
        }
        final String defaultFileSystem = readDesiredProperty(clusterName, cluster, CORE_SITE, DEFAULT_FS);
        return new AmbariCluster(clusterName, cluster.path("provisioning_state").asText("UNKNOWN"), healthReport, defaultFileSystem);
    }

    /**
     * One property of a configuration type as the cluster has it now (its desired configuration), such as
     * {@code hive.metastore.uris} of {@code hive-site}.
     *
     * @throws AmbariException when Ambari cannot be read, or the cluster has no such configuration or property
     */
    public String readDesiredProperty(final String type, final String key) throws AmbariException {
        final String clusterName = readClusterName();
        return readDesiredProperty(clusterName, readClusterFields(clusterName), type, key);
    }

    private String readClusterName() throws AmbariException {
        final JsonNode items = get("/api/v1/clusters").path("items");
        if (!items.isArray() || items.isEmpty()) {
            throw new AmbariException("Ambari at " + baseUri + " reports no cluster");
        }
        final String clusterName = items.get(0).path("Clusters").path("cluster_name").asText(null);
        if (clusterName == null || clusterName.isBlank()) {
            throw new AmbariException("Ambari at " + baseUri + " returned a cluster without a name");
        }
        return clusterName;
    }

    private JsonNode readClusterFields(final String clusterName) throws AmbariException {
        return get(clusterPath(clusterName) + "?fields=Clusters/provisioning_state,Clusters/health_report,Clusters/desired_configs").path("Clusters");
    }

    private String readDesiredProperty(final String clusterName, final JsonNode cluster, final String type, final String key) throws AmbariException {
        final String tag = cluster.path("desired_configs").path(type).path("tag").asText(null);
        if (tag == null) {
            throw new AmbariException("Ambari cluster " + clusterName + " has no desired " + type + " configuration");
        }
        final JsonNode configurations = get(clusterPath(clusterName) + "/configurations?type=" + encode(type) + "&tag=" + encode(tag)).path("items");
        String found = null;
        for (final JsonNode configuration : configurations) {
            final JsonNode value = configuration.path("properties").get(key);
            if (value != null && value.isTextual()) {
                found = value.asText();
            }
        }
        if (found == null) {
            throw new AmbariException("Ambari cluster " + clusterName + " " + type + " (tag " + tag + ") has no " + key);
        }
        return found;
    }

    private static String clusterPath(final String clusterName) {
        return "/api/v1/clusters/" + encode(clusterName);
    }

    @Override
    public void close() {
        httpClient.close();
    }

    private JsonNode get(final String pathAndQuery) throws AmbariException {
        final URI uri = URI.create(baseUri + pathAndQuery);
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET();
        if (proxyAuthorization != null) {
            builder.header("Proxy-Authorization", proxyAuthorization);
        }
        final HttpRequest request = builder.build();
        final HttpResponse<byte[]> response;
        try {
            response = httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (final IOException e) {
            throw new AmbariException("Cannot reach Ambari at " + baseUri + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmbariException("Interrupted while reading Ambari at " + baseUri, e);
        }
        final int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new AmbariException("Ambari at " + baseUri + " rejected user " + user + " (HTTP " + status + "): check Ambari User and Ambari Password");
        }
        if (status != 200) {
            throw new AmbariException("Ambari at " + baseUri + " answered HTTP " + status + " to GET " + uri.getRawPath());
        }
        try {
            return OBJECT_MAPPER.readTree(response.body());
        } catch (final IOException e) {
            throw new AmbariException("Ambari at " + baseUri + " returned a body that is not JSON for GET " + uri.getRawPath(), e);
        }
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
