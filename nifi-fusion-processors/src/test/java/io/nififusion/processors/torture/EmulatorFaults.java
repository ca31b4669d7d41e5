package io.nififusion.processors.torture;

import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.adls.AdlsFaultInjector;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Turns an emulator {@link FaultKind} into rules of the emulator's fault injector, limited to the run's filesystem so the
 * checker's own reads (after the faults are cleared) and other runs are never hit. Sizes of bursts and the requests hit
 * come from the fault's seeded random.
 */
final class EmulatorFaults {
    private static final List<String> WRITE_METHODS = List.of("PUT", "PATCH", "DELETE");

    private final AdlsEmulator emulator;
    private final String runPaths;

    EmulatorFaults(final AdlsEmulator emulator, final String fileSystem) {
        this.emulator = emulator;
        this.runPaths = "^/" + Pattern.quote(emulator.getAccountName()) + "/" + Pattern.quote(fileSystem) + "(/|$)";
    }

    /** @return what was injected, or null when this branch cannot inject the fault */
    String inject(final FaultKind kind, final Random random) {
        final AdlsFaultInjector faults = emulator.faults();
        switch (kind) {
            case THROTTLING_BURST -> {
                final int times = 2 + random.nextInt(6);
                faults.onRequests(null, runPaths, null).failNext(times, 503, "ServerBusy", 1);
                return times + " x 503 ServerBusy, Retry-After 1 s";
            }
            case SERVER_ERRORS -> {
                final int times = 1 + random.nextInt(4);
                faults.onRequests(null, runPaths, null).failNext(times, 500, "InternalError");
                return times + " x 500 InternalError";
            }
            case RESET_DURING_APPEND -> {
                final int times = 1 + random.nextInt(3);
                final long afterBytes = random.nextInt(16 * 1024);
                faults.onRequests("PATCH", runPaths, "action=append").resetDuringRequestBody(times, afterBytes);
                return times + " appends reset after " + afterBytes + " body bytes";
            }
            case LOST_RENAME_ANSWER -> {
                // The emulator performs the request, then resets before the answer when the answer has no body
                final int times = 1 + random.nextInt(2);
                faults.onRequests("PUT", runPaths, "mode=legacy").resetDuringResponseBody(times, 0);
                return times + " renames performed, answer lost";
            }
            case LOST_FLUSH_ANSWER -> {
                final int times = 1 + random.nextInt(2);
                faults.onRequests("PATCH", runPaths, "action=flush").resetDuringResponseBody(times, 0);
                return times + " flushes performed, answer lost";
            }
            case LOST_DELETE_ANSWER -> {
                final int times = 1 + random.nextInt(2);
                faults.onRequests("DELETE", runPaths, null).resetDuringResponseBody(times, 0);
                return times + " deletes performed, answer lost";
            }
            case RESET_AFTER_APPLYING -> {
                final int times = 1 + random.nextInt(3);
                final String method = WRITE_METHODS.get(random.nextInt(WRITE_METHODS.size()));
                return resetAfterApplying(faults.onRequests(method, runPaths, null), times)
                        ? times + " " + method + " requests performed, then reset before the answer" : null;
            }
            case RESET_DURING_READ -> {
                final int times = 1 + random.nextInt(3);
                final long afterBytes = 1 + random.nextInt(48 * 1024);
                faults.onRequests("GET", runPaths, null).resetDuringResponseBody(times, afterBytes);
                return times + " reads reset after " + afterBytes + " response body bytes";
            }
            case LATENCY -> {
                final int millis = 50 + random.nextInt(250);
                final int times = 10 + random.nextInt(40);
                faults.onRequests(null, runPaths, null).addLatency(Duration.ofMillis(millis), times);
                return times + " requests delayed by " + millis + " ms";
            }
            default -> throw new IllegalArgumentException(kind + " is not an emulator fault");
        }
    }

    /** Performs the matching requests, then resets the connection before the answer, whatever the answer holds. */
    static boolean resetAfterApplying(final AdlsFaultInjector.RequestMatcher matcher, final int times) {
        matcher.resetAfterApplying(times);
        return true;
    }
}
