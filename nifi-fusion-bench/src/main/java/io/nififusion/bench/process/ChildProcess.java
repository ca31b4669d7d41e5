package io.nififusion.bench.process;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own on the harness's class path, driven by lines: commands on its standard input, replies read from
 * its standard output; its standard error goes to a log file. Its CPU time is read from the operating system, so the
 * harness can charge each process for what it used.
 */
public final class ChildProcess implements AutoCloseable {
    private static final String END_OF_OUTPUT = "\u0000end-of-output";

    private final String name;
    private final Process process;
    private final BufferedWriter input;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final Path log;

    private ChildProcess(final String name, final Process process, final Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.input = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        final Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (final IOException e) {
                // the process ended
            } finally {
                output.add(END_OF_OUTPUT);
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param name what the process is, for logs and errors
     * @param heap maximum heap, e.g. {@code 1g}
     * @param mainClass main class on the harness's class path
     * @param arguments its arguments
     * @param logDirectory where its standard error goes ({@code <name>.log})
     */
    public static ChildProcess start(final String name, final String heap, final Class<?> mainClass, final List<String> arguments,
                                     final Path logDirectory) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseG1GC");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("--sun-misc-unsafe-memory-access=allow");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        final Path log = logDirectory.resolve(name + ".log");
        final Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new ChildProcess(name, process, log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** @return CPU seconds (user + system) the process has used so far */
    public double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(duration -> duration.toNanos() / 1e9)
                .orElseThrow(() -> new IllegalStateException("The operating system does not report the CPU time of " + name));
    }

    public void send(final String line) throws IOException {
        input.write(line);
        input.newLine();
        input.flush();
    }

    /**
     * Waits for a line starting with one of the prefixes, passing over other lines.
     *
     * @throws IOException when the process ends first, or a line starts with {@code error}, or the time runs out
     */
    public String awaitLine(final Duration timeout, final String... prefixes) throws IOException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final long left = deadline - System.nanoTime();
            final String line;
            try {
                line = left <= 0 ? null : output.poll(left, TimeUnit.NANOSECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for " + name, e);
            }
            if (line == null) {
                throw new IOException(name + " did not answer " + String.join("/", prefixes) + " within " + timeout + "; see " + log);
            }
            if (END_OF_OUTPUT.equals(line)) {
                output.add(END_OF_OUTPUT);
                throw new IOException(name + " ended; see " + log);
            }
            if (line.startsWith("error ")) {
                throw new IOException(name + ": " + line.substring("error ".length()) + " (see " + log + ")");
            }
            for (final String prefix : prefixes) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
    }

    /** Closes its input (the benchmark processes end on it), then stops it if it has not ended within a few seconds. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (final IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
