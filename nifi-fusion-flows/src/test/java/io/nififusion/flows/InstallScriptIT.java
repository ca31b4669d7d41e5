package io.nififusion.flows;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/install-nifi as far as it goes without a NiFi: argument errors, the checks made before anything is sent, the NAR copy. */
class InstallScriptIT {
    private static final Path SCRIPT = Path.of(System.getProperty("templates.directory", "../templates")).resolve("../bin/install-nifi");

    private record Result(int exitCode, String output) {
    }

    @Test
    void nothingToDoIsAnError() throws Exception {
        final Result result = run();
        assertEquals(2, result.exitCode());
        assertTrue(result.output().contains("nothing to do"), result.output());
    }

    @Test
    void aUrlWithoutSchemeIsAnError() throws Exception {
        final Result result = run("--url", "nifi.example.com:8443", "--flow", "verification-audit");
        assertEquals(2, result.exitCode());
        assertTrue(result.output().contains("--url must start with http:// or https://"), result.output());
    }

    @Test
    void anUnknownFlowNamesTheShippedOnes() throws Exception {
        final Result result = run("--url", "https://nifi.example.com:8443", "--flow", "live", "--dry-run");
        assertEquals(2, result.exitCode());
        assertTrue(result.output().contains("hdfs-to-adls-live-migration hive-metastore-migration multi-region-fan-out restore-from-adls verification-audit"),
                result.output());
    }

    @Test
    void aParameterTheFlowDoesNotHaveIsRefusedBeforeAnythingIsSent(@TempDir final Path directory) throws Exception {
        final Path parameters = Files.writeString(directory.resolve("migration.properties"), "# environment\nsource.roots=/data\nsource.rootz=/typo\n");
        final Result result = run("--url", "https://127.0.0.1:1", "--flow", "hdfs-to-adls-live-migration", "--parameters", parameters.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.output().contains("migration.properties:3: source.rootz is not a parameter of HDFS to ADLS Migration"), result.output());
    }

    @Test
    void aDryRunShowsTheUploadAndMasksSecrets(@TempDir final Path directory) throws Exception {
        final Path parameters = Files.writeString(directory.resolve("migration.properties"),
                "source.roots=/data/warehouse\nlicense.key=eyJzZWNyZXQ\ntarget.account.key=c2VjcmV0\n");
        final Result result = run("--url", "https://nifi.example.com:8443", "--flow", "hdfs-to-adls-live-migration", "--parameters", parameters.toString(),
                "--username", "operator", "--password", "not-printed", "--dry-run");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("POST https://nifi.example.com:8443/nifi-api/access/token"), result.output());
        assertTrue(result.output().contains("/nifi-api/process-groups/<root>/process-groups/upload"), result.output());
        assertTrue(result.output().contains("source.roots = /data/warehouse"), result.output());
        assertTrue(result.output().contains("license.key = ********"), result.output());
        assertFalse(result.output().contains("eyJzZWNyZXQ") || result.output().contains("c2VjcmV0") || result.output().contains("not-printed"), result.output());
        assertTrue(result.output().contains("ADLS Target, HDFS Source"), result.output());
    }

    @Test
    void theNarIsCopiedIntoExtensionsReplacingAnotherVersion(@TempDir final Path directory) throws Exception {
        final Path home = directory.resolve("nifi-2.8.0");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/nifi.properties"), "nifi.nar.library.autoload.directory=./extensions\n");
        Files.createDirectories(home.resolve("extensions"));
        Files.writeString(home.resolve("extensions/nifi-fusion-nar-0.0.9.nar"), "older");
        final Path nar = Files.writeString(directory.resolve("nifi-fusion-nar-0.1.0.nar"), "the bundle");

        final Result result = run("--nifi-home", home.toString(), "--nar", nar.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("the bundle", Files.readString(home.resolve("extensions/nifi-fusion-nar-0.1.0.nar")));
        assertFalse(Files.exists(home.resolve("extensions/nifi-fusion-nar-0.0.9.nar")), "two versions side by side make NiFi keep both");
    }

    @Test
    void theHiveNarGoesInBesideItsParentAndKeepsIt(@TempDir final Path directory) throws Exception {
        final Path home = niFiHome(directory);
        Files.writeString(home.resolve("extensions/nifi-fusion-nar-0.1.0.nar"), "the main bundle");
        Files.writeString(home.resolve("extensions/nifi-fusion-hive-nar-0.0.9.nar"), "older");
        final Path hiveNar = Files.writeString(directory.resolve("nifi-fusion-hive-nar-0.1.0.nar"), "the Hive bundle");

        final Result result = run("--nifi-home", home.toString(), "--nar", hiveNar.toString());
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("the Hive bundle", Files.readString(home.resolve("extensions/nifi-fusion-hive-nar-0.1.0.nar")));
        assertEquals("the main bundle", Files.readString(home.resolve("extensions/nifi-fusion-nar-0.1.0.nar")), "the parent NAR stays");
        assertFalse(Files.exists(home.resolve("extensions/nifi-fusion-hive-nar-0.0.9.nar")));
    }

    @Test
    void aHiveNarWithoutItsParentOfTheSameVersionIsRefused(@TempDir final Path directory) throws Exception {
        final Path home = niFiHome(directory);
        Files.writeString(home.resolve("extensions/nifi-fusion-nar-0.0.9.nar"), "older main bundle");
        final Path hiveNar = Files.writeString(directory.resolve("nifi-fusion-hive-nar-0.1.0.nar"), "the Hive bundle");

        final Result alone = run("--nifi-home", home.toString(), "--nar", hiveNar.toString());
        assertEquals(2, alone.exitCode(), alone.output());
        assertTrue(alone.output().contains("nifi-fusion-hive-nar-0.1.0 needs its parent nifi-fusion-nar-0.1.0"), alone.output());
        assertTrue(alone.output().contains("would hold nifi-fusion-nar-0.0.9"), alone.output());
        assertFalse(Files.exists(home.resolve("extensions/nifi-fusion-hive-nar-0.1.0.nar")), "nothing is copied");

        final Path mainNar = Files.writeString(directory.resolve("nifi-fusion-nar-0.1.0.nar"), "the main bundle");
        final Result both = run("--nifi-home", home.toString(), "--nar", mainNar.toString(), "--nar", hiveNar.toString());
        assertEquals(0, both.exitCode(), both.output());
        assertTrue(Files.exists(home.resolve("extensions/nifi-fusion-hive-nar-0.1.0.nar")));
        assertFalse(Files.exists(home.resolve("extensions/nifi-fusion-nar-0.0.9.nar")));

        // upgrading the main NAR alone would orphan the Hive NAR
        final Path newerMainNar = Files.writeString(directory.resolve("nifi-fusion-nar-0.2.0.nar"), "newer main bundle");
        final Result upgrade = run("--nifi-home", home.toString(), "--nar", newerMainNar.toString());
        assertEquals(2, upgrade.exitCode(), upgrade.output());
        assertTrue(upgrade.output().contains("needs its parent nifi-fusion-nar-0.1.0"), upgrade.output());
        assertEquals("the main bundle", Files.readString(home.resolve("extensions/nifi-fusion-nar-0.1.0.nar")));
    }

    private static Path niFiHome(final Path directory) throws IOException {
        final Path home = directory.resolve("nifi-2.8.0");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/nifi.properties"), "nifi.nar.library.autoload.directory=./extensions\n");
        Files.createDirectories(home.resolve("extensions"));
        return home;
    }

    @Test
    void aDirectoryThatIsNotNiFiIsRefused(@TempDir final Path directory) throws Exception {
        final Result result = run("--nifi-home", directory.toString(), "--nar", directory.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.output().contains("has no conf/nifi.properties"), result.output());
    }

    @Test
    void parametersAreFilledKeepingTheirDescriptions(@TempDir final Path directory) throws Exception {
        final Path parameters = Files.writeString(directory.resolve("audit.properties"), "audit.tree.root=/data/warehouse\n");
        final List<String> updates = new CopyOnWriteArrayList<>();
        final HttpServer nifi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        nifi.createContext("/nifi-api/", exchange -> {
            final String path = exchange.getRequestURI().getPath();
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            final String answer;
            if (path.endsWith("/flow/process-groups/root")) {
                answer = "{\"processGroupFlow\":{\"id\":\"root-id\"}}";
            } else if (path.endsWith("/process-groups/root-id/process-groups/upload")) {
                answer = "{\"id\":\"group-id\",\"component\":{\"parameterContext\":{\"id\":\"context-id\"}}}";
            } else if (path.endsWith("/parameter-contexts/context-id/update-requests") && "POST".equals(exchange.getRequestMethod())) {
                updates.add(body);
                answer = "{\"request\":{\"requestId\":\"update-id\",\"complete\":false}}";
            } else if (path.endsWith("/update-requests/update-id")) {
                answer = "{\"request\":{\"requestId\":\"update-id\",\"complete\":true}}";
            } else if (path.endsWith("/parameter-contexts/context-id")) {
                answer = "{\"id\":\"context-id\",\"revision\":{\"version\":3},\"component\":{\"id\":\"context-id\",\"parameters\":["
                        + "{\"parameter\":{\"name\":\"audit.tree.root\",\"description\":\"Directory the audit walks\",\"sensitive\":false,\"value\":\"/data\"}},"
                        + "{\"parameter\":{\"name\":\"license.key\",\"sensitive\":true,\"value\":\"********\"}}]}}";
            } else {
                answer = "{}";
            }
            final byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        nifi.start();
        try {
            final Result result = run("--url", "http://127.0.0.1:" + nifi.getAddress().getPort(), "--flow", "verification-audit",
                    "--parameters", parameters.toString());
            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("Parameters: set 1 of \"HDFS to ADLS Migration\""), result.output());
            assertEquals(1, updates.size(), result.output());
            assertTrue(updates.getFirst().contains("\"value\": \"/data/warehouse\""), updates.getFirst());
            assertTrue(updates.getFirst().contains("\"description\": \"Directory the audit walks\""), updates.getFirst());
            assertTrue(updates.getFirst().contains("\"version\": 3"), updates.getFirst());
            // what the bound context holds decides what is reported missing: the license key is set there
            assertFalse(result.output().contains("license.key"), result.output());
        } finally {
            nifi.stop(0);
        }
    }

    private static Result run(final String... arguments) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "install-nifi did not finish");
        return new Result(process.exitValue(), output);
    }
}
