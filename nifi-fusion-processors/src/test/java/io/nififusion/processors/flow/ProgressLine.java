package io.nififusion.processors.flow;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One status line that rewrites itself on a terminal and prints at most once a second elsewhere (a log, CI), so a
 * long run shows it is alive without flooding its output.
 */
public final class ProgressLine {
    private final PrintStream out;
    private final boolean terminal;
    private long lastPrintNanos;
    private int lastLength;

    public ProgressLine(final PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
    }

    public void show(final String format, final Object... arguments) {
        final long now = System.nanoTime();
        if (!terminal && now - lastPrintNanos < 1_000_000_000L) {
            return;
        }
        lastPrintNanos = now;
        final String line = String.format(Locale.ROOT, format, arguments);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the line on a terminal so the next output starts on its own. */
    public void finish() {
        if (terminal && lastLength > 0) {
            out.println();
            lastLength = 0;
        }
    }
}
