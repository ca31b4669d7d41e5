package io.nififusion.processors.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An in-memory log of one torture run, safe for many threads. Every line carries the seconds since the run started and
 * the thread that wrote it, so the interleaving that broke convergence can be read back. It keeps the newest lines up to
 * its capacity (a soak must not grow without bound) and says how many older ones it dropped.
 */
final class TortureLog {
    private static final int DEFAULT_CAPACITY = 250_000;

    private final String name;
    private final long startedNanos;
    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long dropped;

    TortureLog(final String name, final long startedNanos) {
        this(name, startedNanos, DEFAULT_CAPACITY);
    }

    TortureLog(final String name, final long startedNanos, final int capacity) {
        this.name = name;
        this.startedNanos = startedNanos;
        this.capacity = capacity;
    }

    void add(final String message) {
        final double seconds = (System.nanoTime() - startedNanos) / 1e9;
        final String line = String.format(Locale.ROOT, "%9.3f %-24s %s", seconds, Thread.currentThread().getName(), message);
        synchronized (lines) {
            lines.addLast(line);
            if (lines.size() > capacity) {
                lines.removeFirst();
                dropped++;
            }
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    /** The lines that mention the text, for the history of one path. */
    List<String> linesContaining(final String text) {
        final List<String> matching = new ArrayList<>();
        synchronized (lines) {
            for (final String line : lines) {
                if (line.contains(text)) {
                    matching.add(line);
                }
            }
        }
        return matching;
    }

    int size() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** The whole log as text, headed by its name and the count of lines dropped for capacity. */
    String text() {
        final List<String> copy;
        final long droppedLines;
        synchronized (lines) {
            copy = new ArrayList<>(lines);
            droppedLines = dropped;
        }
        final StringBuilder text = new StringBuilder();
        text.append("==== ").append(name).append(" (").append(copy.size()).append(" lines");
        if (droppedLines > 0) {
            text.append(", ").append(droppedLines).append(" older lines dropped");
        }
        text.append(") ====\n");
        for (final String line : copy) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    void writeTo(final Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }
}
