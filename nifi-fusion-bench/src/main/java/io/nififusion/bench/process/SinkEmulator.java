package io.nififusion.bench.process;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeDirectoryClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsEmulatorMain;
import io.nififusion.testkit.adls.traffic.EmulatorConsole;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sink: the ADLS Gen2 emulator standalone ({@link AdlsEmulatorMain}) in a JVM of its own, with its request tally
 * on, optionally at the end of a long link. The harness asks it for request counts and cleans the target between
 * rounds with the Azure SDK, outside the measured windows.
 */
public final class SinkEmulator implements AutoCloseable {
    public static final String FILESYSTEM = "bench";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildProcess process;
    private final String endpoint;
    private final DataLakeFileSystemClient admin;

    private SinkEmulator(final ChildProcess process, final String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.admin = new DataLakeServiceClientBuilder().endpoint(endpoint)
                .credential(new StorageSharedKeyCredential(AdlsEmulator.DEFAULT_ACCOUNT_NAME, AdlsEmulator.DEFAULT_ACCOUNT_KEY))
                .buildClient().getFileSystemClient(FILESYSTEM);
    }

    /**
     * @param name process name ({@code sink}, {@code sink-long-link})
     * @param latencyMillis per-request latency, 0 for none
     * @param bandwidthMib per-connection bandwidth in MiB/s, 0 for unlimited
     */
    public static SinkEmulator start(final String name, final Path workDirectory, final long latencyMillis, final long bandwidthMib)
            throws IOException {
        final List<String> arguments = new ArrayList<>(List.of("--port", "0", "--data-dir", workDirectory.resolve(name + "-data").toString(),
                "--filesystem", FILESYSTEM, "--console"));
        if (latencyMillis > 0) {
            arguments.addAll(List.of("--latency-ms", Long.toString(latencyMillis)));
        }
        if (bandwidthMib > 0) {
            arguments.addAll(List.of("--bandwidth-mib", Long.toString(bandwidthMib)));
        }
        final ChildProcess process = ChildProcess.start(name, "2g", AdlsEmulatorMain.class, arguments, workDirectory);
        final String endpoint = process.awaitLine(Duration.ofMinutes(1), "  endpoint").substring("  endpoint".length()).trim();
        process.awaitLine(Duration.ofMinutes(1), "  link");
        return new SinkEmulator(process, endpoint);
    }

    public String endpoint() {
        return endpoint;
    }

    public String accountName() {
        return AdlsEmulator.DEFAULT_ACCOUNT_NAME;
    }

    public String accountKey() {
        return AdlsEmulator.DEFAULT_ACCOUNT_KEY;
    }

    public double cpuSeconds() {
        return process.cpuSeconds();
    }

    /** Zeroes the request tally. */
    public void resetRequests() throws IOException {
        process.send("reset");
        process.awaitLine(Duration.ofSeconds(30), "reset");
    }

    /** @return kind → requests since the last reset */
    public Map<String, RequestCount> requests() throws IOException {
        process.send("requests");
        final String line = process.awaitLine(Duration.ofSeconds(30), EmulatorConsole.REQUESTS_REPLY);
        return JSON.readValue(line.substring(EmulatorConsole.REQUESTS_REPLY.length()), new TypeReference<Map<String, RequestCount>>() {
        });
    }

    /** Removes a directory of the target with everything under it, if present. */
    public void deleteTree(final String directory) {
        final DataLakeDirectoryClient client = admin.getDirectoryClient(directory);
        if (client.exists()) {
            client.deleteRecursively();
        }
    }

    public boolean exists(final String directory) {
        return admin.getDirectoryClient(directory).exists();
    }

    @Override
    public void close() {
        process.close();
    }

    /** Requests of one kind and their body bytes. */
    public record RequestCount(long requests, long bytesReceived, long bytesSent) {
    }
}
