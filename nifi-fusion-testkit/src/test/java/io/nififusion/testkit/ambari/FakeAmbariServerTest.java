package io.nififusion.testkit.ambari;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FakeAmbariServerTest {
    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();
    private final HttpClient httpClient = HttpClient.newHttpClient();

    @Test
    void answersClusterStateAndDefaultStorage() throws Exception {
        try (FakeAmbariServer ambari = FakeAmbariServer.start()) {
            ambari.clusterName("prodhdi").defaultFileSystem("abfs://data@contosolake.dfs.core.windows.net/").hostHealth(3, 1, 0);
            final String user = ambari.getUser();
            final String password = ambari.getPassword();

            final JsonNode clusters = get(ambari.getUrl() + "/api/v1/clusters", user, password, 200);
            assertEquals("prodhdi", clusters.path("items").get(0).path("Clusters").path("cluster_name").asText());

            final JsonNode cluster = get(ambari.getUrl() + "/api/v1/clusters/prodhdi?fields=Clusters/health_report,Clusters/desired_configs",
                    user, password, 200).path("Clusters");
            assertEquals(3, cluster.path("health_report").path("Host/host_state/HEALTHY").asLong());
            assertEquals(1, cluster.path("health_report").path("Host/host_state/UNHEALTHY").asLong());
            final String tag = cluster.path("desired_configs").path("core-site").path("tag").asText();

            final JsonNode coreSite = get(ambari.getUrl() + "/api/v1/clusters/prodhdi/configurations?type=core-site&tag=" + tag, user, password, 200);
            assertEquals("abfs://data@contosolake.dfs.core.windows.net/", coreSite.path("items").get(0).path("properties").path("fs.defaultFS").asText());

            assertEquals(0, get(ambari.getUrl() + "/api/v1/clusters/prodhdi/configurations?type=core-site&tag=old", user, password, 200)
                    .path("items").size());
            get(ambari.getUrl() + "/api/v1/clusters/othercluster", user, password, 404);
            assertEquals(5, ambari.getRequests().size());
        }
    }

    @Test
    void rejectsMissingAndWrongCredentials() throws Exception {
        try (FakeAmbariServer ambari = FakeAmbariServer.start()) {
            ambari.credentials("operator", "s3cret-pw");
            final HttpResponse<String> anonymous = httpClient.send(HttpRequest.newBuilder(URI.create(ambari.getUrl() + "/api/v1/clusters")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));

            final JsonNode rejected = get(ambari.getUrl() + "/api/v1/clusters", "operator", "wrong", 403);
            assertTrue(rejected.path("message").asText().contains("Invalid username/password"));
            get(ambari.getUrl() + "/api/v1/clusters", "admin", "s3cret-pw", 403);
            get(ambari.getUrl() + "/api/v1/clusters", "operator", "s3cret-pw", 200);
        }
    }

    private JsonNode get(final String url, final String user, final String password, final int expectedStatus) throws IOException, InterruptedException {
        final String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        final HttpResponse<byte[]> response = httpClient.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(expectedStatus, response.statusCode(), url);
        return OBJECT_MAPPER.readTree(response.body());
    }
}
