package io.nififusion.bench.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The handshake around a contestant's measured part: {@code ready} (prepared, nothing measured yet), wait for the
 * harness's {@code go} (it has read the sink's and the source's CPU and reset the request tally), measure, then
 * {@code done} (the harness reads them again) before any unmeasured checking.
 */
public final class MeasuredWindow {
    private final BufferedReader commands;
    private final PrintStream replies;
    private final Meter meter = new Meter();
    private Meter.Reading reading;

    MeasuredWindow(final BufferedReader commands, final PrintStream replies) {
        this.commands = commands;
        this.replies = replies;
    }

    public void open() throws IOException {
        replies.println("ready");
        replies.flush();
        final String line = commands.readLine();
        if (!"go".equals(line)) {
            throw new IOException("Expected go, got " + line);
        }
        meter.start();
    }

    public Meter.Reading close() {
        reading = meter.stop();
        replies.println("done");
        replies.flush();
        return reading;
    }

    Meter.Reading reading() {
        return reading;
    }
}
