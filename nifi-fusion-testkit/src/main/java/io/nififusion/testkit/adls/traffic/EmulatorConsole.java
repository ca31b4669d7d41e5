package io.nififusion.testkit.adls.traffic;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Line commands on a standalone emulator's standard input, for a harness in another JVM: {@code requests} prints one
 * line {@code requests <json>} (kind → requests, bytes received, bytes sent, since the last reset), {@code reset} zeroes
 * the tally and prints {@code reset}. End of input ends the console.
 */
public final class EmulatorConsole {
    public static final String REQUESTS_REPLY = "requests ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestTally tally;

    public EmulatorConsole(final RequestTally tally) {
        this.tally = tally;
    }

    /** Serves commands until the input ends; unknown commands get an {@code error} line. */
    public void serve(final BufferedReader input, final PrintStream output) throws IOException {
        String line;
        while ((line = input.readLine()) != null) {
            final String command = line.trim();
            final String reply = switch (command) {
                case "requests" -> REQUESTS_REPLY + JSON.writeValueAsString(asMap(tally.snapshot()));
                case "reset" -> {
                    tally.reset();
                    yield "reset";
                }
                case "" -> null;
                default -> "error unknown command '" + command + "' (requests, reset)";
            };
            if (reply != null) {
                synchronized (output) {
                    output.println(reply);
                    output.flush();
                }
            }
        }
    }

    private static Map<String, Map<String, Long>> asMap(final Map<String, RequestTally.Snapshot> snapshot) {
        final Map<String, Map<String, Long>> map = new LinkedHashMap<>();
        for (final Map.Entry<String, RequestTally.Snapshot> entry : snapshot.entrySet()) {
            map.put(entry.getKey(), Map.of("requests", entry.getValue().requests(), "bytesReceived", entry.getValue().bytesReceived(),
                    "bytesSent", entry.getValue().bytesSent()));
        }
        return map;
    }
}
