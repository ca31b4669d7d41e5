package io.nififusion.testkit.ambari;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The slice of an HDInsight cluster's Ambari REST API that reads cluster state and default storage, on a loopback port,
 * with HTTP basic authentication (no credentials: 401 with a challenge; wrong credentials: 403, as Ambari answers).
 * <ul>
 *     <li>{@code GET /api/v1/clusters}</li>
 *     <li>{@code GET /api/v1/clusters/<name>?fields=...}: {@code Clusters/provisioning_state}, {@code Clusters/health_report},
 *     {@code Clusters/desired_configs} (all of them, whatever fields are asked)</li>
 *     <li>{@code GET /api/v1/clusters/<name>/configurations?type=core-site&tag=<tag>}: {@code fs.defaultFS}; with
 *     {@code type=hive-site}: {@code hive.metastore.uris}, for a cluster given one</li>
 * </ul>
 * Settings can change while the server runs. Use in try-with-resources.
 */
public final class FakeAmbariServer implements AutoCloseable {
    public static final String DEFAULT_CLUSTER_NAME = "fusioncluster";
    public static final String DEFAULT_USER = "admin";
    public static final String DEFAULT_PASSWORD = "Ambari-Pa55word!";
    public static final String CORE_SITE_TAG = "TOPOLOGY_RESOLVED";
    /** Another tag than core-site's, as a cluster whose Hive settings were changed since it was created has. */
    public static final String HIVE_SITE_TAG = "version1764590000000";

    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private static final String CLUSTERS_PATH = "/api/v1/clusters";
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    /*
     * The JDK HTTP server reads this once per JVM, at the first HttpServer.create: without it small answers wait
     * ~40 ms for a delayed ACK, here and in an ADLS emulator started later in the same JVM.
     */
    static {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private volatile String clusterName = DEFAULT_CLUSTER_NAME;
    private volatile String user = DEFAULT_USER;
    private volatile String password = DEFAULT_PASSWORD;
    private volatile String defaultFileSystem = "abfs://fusion@fusionaccount.dfs.core.windows.net/";
    private volatile String hiveMetastoreUris;
    private volatile String provisioningState = "INSTALLED";
    private volatile Map<String, Long> healthReport = defaultHealthReport(4, 0, 0);

    private FakeAmbariServer(final HttpServer server, final ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on an ephemeral loopback port. */
    public static FakeAmbariServer start() throws IOException {
        return start(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** Starts an HTTPS server on an ephemeral loopback port, presenting the certificate of the TLS context. */
    public static FakeAmbariServer startHttps(final SSLContext serverContext) throws IOException {
        final HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        return start(server);
    }

    private static FakeAmbariServer start(final HttpServer server) {
        final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            final Thread thread = new Thread(runnable, "fake-ambari");
            thread.setDaemon(true);
            return thread;
        });
        final FakeAmbariServer ambari = new FakeAmbariServer(server, executor);
        server.createContext(CLUSTERS_PATH, ambari::handle);
        server.setExecutor(executor);
        server.start();
        return ambari;
    }

    /** {@code http://127.0.0.1:<port>} (https for a TLS server): what goes into the cluster URL in place of {@code https://<cluster>.azurehdinsight.net}. */
    public String getUrl() {
        return (server instanceof HttpsServer ? "https://" : "http://") + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public FakeAmbariServer clusterName(final String name) {
        this.clusterName = name;
        return this;
    }

    public FakeAmbariServer credentials(final String newUser, final String newPassword) {
        this.user = newUser;
        this.password = newPassword;
        return this;
    }

    /** The {@code fs.defaultFS} of core-site, such as {@code abfs://fs@account.dfs.core.windows.net/}; null for none. */
    public FakeAmbariServer defaultFileSystem(final String uri) {
        this.defaultFileSystem = uri;
        return this;
    }

    /** The {@code hive.metastore.uris} of hive-site, such as {@code thrift://127.0.0.1:9083}; null (the default) for a cluster without Hive. */
    public FakeAmbariServer hiveMetastoreUris(final String uris) {
        this.hiveMetastoreUris = uris;
        return this;
    }

    public FakeAmbariServer provisioningState(final String state) {
        this.provisioningState = state;
        return this;
    }

    /** Host counts of {@code Clusters/health_report}. */
    public FakeAmbariServer hostHealth(final long healthy, final long unhealthy, final long heartbeatLost) {
        this.healthReport = defaultHealthReport(healthy, unhealthy, heartbeatLost);
        return this;
    }

    public String getClusterName() {
        return clusterName;
    }

    public String getUser() {
        return user;
    }

    public String getPassword() {
        return password;
    }

    /** Method, path and query of every request received, in order, including rejected ones. */
    public List<String> getRequests() {
        return new ArrayList<>(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String rawPath = exchange.getRequestURI().getRawPath();
            final String path = exchange.getRequestURI().getPath();
            final String query = exchange.getRequestURI().getRawQuery();
            requests.add(exchange.getRequestMethod() + " " + rawPath + (query == null ? "" : "?" + query));

            final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"AuthFilter\"");
                sendError(exchange, 401, "Authentication required");
                return;
            }
            if (!authorization.equals(expectedAuthorization())) {
                sendError(exchange, 403, "Unable to sign in. Invalid username/password combination.");
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                sendError(exchange, 405, "Method not allowed");
                return;
            }
            final String clusterPath = CLUSTERS_PATH + "/" + clusterName;
            if (CLUSTERS_PATH.equals(path) || (CLUSTERS_PATH + "/").equals(path)) {
                sendJson(exchange, clusters());
            } else if (clusterPath.equals(path)) {
                sendJson(exchange, cluster());
            } else if ((clusterPath + "/configurations").equals(path)) {
                final Map<String, String> parameters = parseQuery(query);
                if ("core-site".equals(parameters.get("type")) && CORE_SITE_TAG.equals(parameters.get("tag"))) {
                    sendJson(exchange, coreSite());
                } else if ("hive-site".equals(parameters.get("type")) && HIVE_SITE_TAG.equals(parameters.get("tag")) && hiveMetastoreUris != null) {
                    sendJson(exchange, configuration("hive-site", HIVE_SITE_TAG, Map.of("hive.metastore.uris", hiveMetastoreUris)));
                } else {
                    sendJson(exchange, emptyItems(path));
                }
            } else {
                sendError(exchange, 404, "The requested resource doesn't exist: Cluster not found, clusterName=" + path.substring(CLUSTERS_PATH.length()));
            }
        }
    }

    private String expectedAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode clusters() {
        final ObjectNode root = OBJECT_MAPPER.createObjectNode();
        root.put("href", getUrl() + CLUSTERS_PATH);
        final ObjectNode item = root.putArray("items").addObject();
        item.put("href", getUrl() + CLUSTERS_PATH + "/" + clusterName);
        final ObjectNode clusters = item.putObject("Clusters");
        clusters.put("cluster_name", clusterName);
        clusters.put("version", "HDP-5.1");
        return root;
    }

    private ObjectNode cluster() {
        final ObjectNode root = OBJECT_MAPPER.createObjectNode();
        root.put("href", getUrl() + CLUSTERS_PATH + "/" + clusterName);
        final ObjectNode clusters = root.putObject("Clusters");
        clusters.put("cluster_name", clusterName);
        clusters.put("provisioning_state", provisioningState);
        final ObjectNode health = clusters.putObject("health_report");
        for (final Map.Entry<String, Long> entry : healthReport.entrySet()) {
            health.put(entry.getKey(), entry.getValue());
        }
        final ObjectNode desiredConfigs = clusters.putObject("desired_configs");
        desiredConfigs.putObject("core-site").put("tag", CORE_SITE_TAG).put("version", 2);
        desiredConfigs.putObject("hdfs-site").put("tag", CORE_SITE_TAG).put("version", 2);
        if (hiveMetastoreUris != null) {
            desiredConfigs.putObject("hive-site").put("tag", HIVE_SITE_TAG).put("version", 3);
        }
        return root;
    }

    private ObjectNode coreSite() {
        final Map<String, String> properties = new LinkedHashMap<>();
        if (defaultFileSystem != null) {
            properties.put("fs.defaultFS", defaultFileSystem);
        }
        properties.put("fs.azure.account.auth.type", "SharedKey");
        return configuration("core-site", CORE_SITE_TAG, properties);
    }

    private static ObjectNode configuration(final String type, final String tag, final Map<String, String> properties) {
        final ObjectNode root = OBJECT_MAPPER.createObjectNode();
        final ObjectNode item = root.putArray("items").addObject();
        item.put("type", type);
        item.put("tag", tag);
        item.put("version", 2);
        final ObjectNode values = item.putObject("properties");
        properties.forEach(values::put);
        return root;
    }

    private ObjectNode emptyItems(final String path) {
        final ObjectNode root = OBJECT_MAPPER.createObjectNode();
        root.put("href", getUrl() + path);
        root.putArray("items");
        return root;
    }

    private static Map<String, Long> defaultHealthReport(final long healthy, final long unhealthy, final long heartbeatLost) {
        final Map<String, Long> report = new LinkedHashMap<>();
        report.put("Host/stale_config", 0L);
        report.put("Host/maintenance_state", 0L);
        report.put("Host/host_state/HEALTHY", healthy);
        report.put("Host/host_state/UNHEALTHY", unhealthy);
        report.put("Host/host_state/HEARTBEAT_LOST", heartbeatLost);
        report.put("Host/host_state/INIT", 0L);
        report.put("Host/host_status/HEALTHY", healthy);
        report.put("Host/host_status/UNHEALTHY", unhealthy);
        report.put("Host/host_status/UNKNOWN", heartbeatLost);
        report.put("Host/host_status/ALERT", 0L);
        return report;
    }

    private static Map<String, String> parseQuery(final String query) {
        final Map<String, String> parameters = new HashMap<>();
        if (query == null) {
            return parameters;
        }
        for (final String pair : query.split("&")) {
            final int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static void sendJson(final HttpExchange exchange, final ObjectNode body) throws IOException {
        send(exchange, 200, OBJECT_MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    }

    private static void sendError(final HttpExchange exchange, final int status, final String message) throws IOException {
        final ObjectNode body = OBJECT_MAPPER.createObjectNode();
        body.put("status", status);
        body.put("message", message);
        send(exchange, status, OBJECT_MAPPER.writeValueAsBytes(body));
    }

    private static void send(final HttpExchange exchange, final int status, final byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
