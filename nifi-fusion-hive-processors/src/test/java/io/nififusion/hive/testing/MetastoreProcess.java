package io.nififusion.hive.testing;

import org.apache.hadoop.conf.Configuration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A test metastore in a child JVM on the test's class path; see {@link MetastoreProcessMain}. */
public final class MetastoreProcess implements AutoCloseable {
    private final Process process;
    private final String uri;

    private MetastoreProcess(final Process process, final String uri) {
        this.process = process;
        this.uri = uri;
    }

    public static MetastoreProcess start(final Path directory, final Configuration settings) throws IOException {
        return start(directory, settings, Map.of());
    }

    /**
     * @param systemProperties system properties of the child JVM, such as {@code java.security.krb5.conf} for a metastore
     *        with SASL
     */
    public static MetastoreProcess start(final Path directory, final Configuration settings, final Map<String, String> systemProperties) throws IOException {
        Files.createDirectories(directory);
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        for (final Map.Entry<String, String> property : systemProperties.entrySet()) {
            command.add("-D" + property.getKey() + "=" + property.getValue());
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MetastoreProcessMain.class.getName(), directory.toString()));
        command.addAll(List.of(EmbeddedMetastore.toArguments(settings)));
        final Path log = directory.resolve("metastore-process.log");
        final Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        final BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null) {
            if (line.startsWith(MetastoreProcessMain.READY)) {
                final Thread drain = new Thread(() -> {
                    try {
                        while (output.readLine() != null) {
                            // keeps the child's output pipe from filling
                        }
                    } catch (final IOException ended) {
                        // the child ended
                    }
                }, "metastore-process-output");
                drain.setDaemon(true);
                drain.start();
                return new MetastoreProcess(process, line.substring(MetastoreProcessMain.READY.length()).strip());
            }
        }
        process.destroyForcibly();
        throw new IOException("The metastore process ended before it served; see " + log + ":\n" + tail(log));
    }

    private static String tail(final Path log) throws IOException {
        final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    public String getUri() {
        return uri;
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
