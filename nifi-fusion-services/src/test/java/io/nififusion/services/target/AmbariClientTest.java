package io.nififusion.services.target;

import io.nififusion.testkit.ambari.FakeAmbariServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmbariClientTest {
    private FakeAmbariServer ambari;

    @BeforeEach
    void start() throws IOException {
        ambari = FakeAmbariServer.start();
    }

    @AfterEach
    void stop() {
        ambari.close();
    }

    @Test
    void readsStateHealthAndDefaultStorage() throws AmbariException {
        ambari.clusterName("prod hdi").defaultFileSystem("abfs://hdi@contosolake.dfs.core.windows.net/").hostHealth(5, 1, 2).provisioningState("INSTALLED");
        final AmbariCluster cluster = client(ambari.getPassword()).readCluster();

        assertEquals("prod hdi", cluster.clusterName());
        assertEquals("abfs://hdi@contosolake.dfs.core.windows.net/", cluster.defaultFileSystem());
        assertEquals("cluster prod hdi INSTALLED, hosts healthy 5, unhealthy 1, heartbeat lost 2", cluster.describe());
        assertEquals("GET /api/v1/clusters/prod%20hdi/configurations?type=core-site&tag=TOPOLOGY_RESOLVED", ambari.getRequests().get(2));
    }

    @Test
    void wrongPasswordIsNamedWithoutThePassword() {
        final AmbariException rejected = assertThrows(AmbariException.class, () -> client("guessed-password").readCluster());
        assertTrue(rejected.getMessage().contains("rejected user admin (HTTP 403)"), rejected.getMessage());
        assertFalse(rejected.getMessage().contains("guessed-password"));
    }

    @Test
    void missingDefaultFileSystemIsReported() {
        ambari.defaultFileSystem(null);
        final AmbariException missing = assertThrows(AmbariException.class, () -> client(ambari.getPassword()).readCluster());
        assertTrue(missing.getMessage().contains("has no fs.defaultFS"), missing.getMessage());
    }

    @Test
    void clusterUrlMustBeHttpsOutsideLoopback() {
        AmbariClient.requireSecureUrl(URI.create("https://mycluster.azurehdinsight.net"));
        AmbariClient.requireSecureUrl(URI.create(ambari.getUrl()));
        assertThrows(IllegalArgumentException.class, () -> AmbariClient.requireSecureUrl(URI.create("http://mycluster.azurehdinsight.net")));
        assertThrows(IllegalArgumentException.class, () -> AmbariClient.requireSecureUrl(URI.create("ftp://127.0.0.1")));
    }

    private AmbariClient client(final String password) {
        return new AmbariClient(URI.create(ambari.getUrl() + "/"), ambari.getUser(), password, Duration.ofSeconds(5));
    }
}
