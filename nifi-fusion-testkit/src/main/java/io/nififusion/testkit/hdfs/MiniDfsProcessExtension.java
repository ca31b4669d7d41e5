package io.nififusion.testkit.hdfs;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An HDFS without Kerberos in a JVM of its own (see {@link MiniDfsProcessMain}), for tests whose JVM also hosts a
 * Kerberized cluster: the test JVM then holds only clients of this cluster, as a NiFi does. The user running the tests
 * is its superuser.
 */
public final class MiniDfsProcessExtension implements BeforeAllCallback, AfterAllCallback {
    private static final long START_TIMEOUT_SECONDS = 180;

    private final List<String> directories;
    private Path workDirectory;
    private Process process;
    private URI uri;
    private Path clientConfiguration;

    private MiniDfsProcessExtension(final List<String> directories) {
        this.directories = List.copyOf(directories);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        workDirectory = Files.createTempDirectory("nifi-fusion-minidfs-process");
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), MiniDfsProcessMain.class.getName(), workDirectory.toString()));
        command.addAll(directories);
        final Path log = workDirectory.resolve("cluster.log");
        process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        final BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.startsWith(MiniDfsProcessMain.READY)) {
            // the cluster prints only its ready line; anything else is passed over
        }
        if (line == null) {
            process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            throw new IOException("The HDFS process ended before it was up; its log is " + log);
        }
        final Thread drain = new Thread(() -> {
            try {
                output.transferTo(Writer.nullWriter());
            } catch (final IOException e) {
                // the process ended
            }
        }, "mini-dfs-process-output");
        drain.setDaemon(true);
        drain.start();
        final String[] ready = line.split(" ");
        uri = URI.create(ready[1]);
        clientConfiguration = Path.of(ready[2]);
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception {
        if (process != null) {
            process.getOutputStream().close();
            if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process = null;
        }
        if (workDirectory != null) {
            try (Stream<Path> files = Files.walk(workDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    public URI getUri() {
        return uri;
    }

    /** The client configuration an operator would hand NiFi (fs.defaultFS and the cluster's client settings). */
    public Path getClientConfiguration() {
        return clientConfiguration;
    }

    /** Options of the cluster. */
    public static final class Builder {
        private final List<String> directories = new ArrayList<>();

        private Builder() {
        }

        /** A directory the cluster has when it starts, with its owner (also its group) and permission such as {@code 700}. */
        public Builder directory(final String path, final String owner, final String octalPermission) {
            directories.add(path + ":" + owner + ":" + octalPermission);
            return this;
        }

        public MiniDfsProcessExtension build() {
            return new MiniDfsProcessExtension(directories);
        }
    }
}
