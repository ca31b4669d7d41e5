package io.nififusion.processors.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The connection from one node's ReplicateToADLS (success) to the same node's VerifyChecksum: it outlives node restarts,
 * as a NiFi node's queues survive in its FlowFile repository. A verification routed to retry comes back after a delay,
 * a bounded number of times.
 */
final class VerificationQueue {
    static final int MAX_ATTEMPTS = 5;
    private static final long RETRY_DELAY_MILLIS = 300;

    /** A replicated record waiting for file-scope verification. */
    record Verification(long recordId, Map<String, String> attributes, long readyAtMillis, int attempts) {
    }

    private final List<Verification> queue = new ArrayList<>();
    private int inFlight;

    synchronized void add(final long recordId, final Map<String, String> attributes) {
        queue.add(new Verification(recordId, Map.copyOf(attributes), 0, 0));
    }

    /** @return whether it was queued again (false once it has had its attempts) */
    synchronized boolean retry(final Verification verification) {
        if (verification.attempts() + 1 >= MAX_ATTEMPTS) {
            return false;
        }
        queue.add(new Verification(verification.recordId(), verification.attributes(), System.currentTimeMillis() + RETRY_DELAY_MILLIS,
                verification.attempts() + 1));
        return true;
    }

    /** A verification lost with a crashed node goes back unchanged. */
    synchronized void putBack(final Verification verification) {
        queue.add(verification);
    }

    /** The first ready verification, or null; each must be passed to {@link #done()}. */
    synchronized Verification poll() {
        final long now = System.currentTimeMillis();
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).readyAtMillis() <= now) {
                inFlight++;
                return queue.remove(i);
            }
        }
        return null;
    }

    synchronized void done() {
        inFlight--;
    }

    synchronized boolean isIdle() {
        return queue.isEmpty() && inFlight == 0;
    }

    synchronized int size() {
        return queue.size() + inFlight;
    }
}
