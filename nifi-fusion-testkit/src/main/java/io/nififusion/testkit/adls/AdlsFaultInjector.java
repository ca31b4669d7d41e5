package io.nififusion.testkit.adls;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Faults on demand: failed requests with a chosen status, connections reset in the middle of a body or after the
 * operation was applied, and added latency.
 * Rules match on method, decoded path and decoded query (regular expressions, null matches anything); the first
 * matching rule with faults left wins, and latency rules add up on top of it.
 */
public final class AdlsFaultInjector {

    /** What a rule does to a matching request. */
    enum FaultKind {
        STATUS,
        RESET_DURING_REQUEST_BODY,
        RESET_DURING_RESPONSE_BODY,
        RESET_AFTER_APPLYING,
        LATENCY
    }

    /** A fault decided for one request. */
    record Fault(FaultKind kind, int status, String errorCode, int retryAfterSeconds, long afterBytes, Duration latency) {
    }

    private final List<Rule> rules = new ArrayList<>();

    /**
     * Starts a rule for requests matching all three patterns.
     *
     * @param method HTTP method (exact, case-insensitive) or null for any
     * @param pathRegex regular expression found in the decoded path (e.g. {@code /fusionemulator/fs/dir/file}), or null
     * @param queryRegex regular expression found in the decoded query (e.g. {@code action=flush}), or null
     * @return a matcher to choose the fault with
     */
    public RequestMatcher onRequests(final String method, final String pathRegex, final String queryRegex) {
        return new RequestMatcher(method, pathRegex == null ? null : Pattern.compile(pathRegex),
                queryRegex == null ? null : Pattern.compile(queryRegex));
    }

    /** Removes every rule, used or not. */
    public synchronized void clear() {
        rules.clear();
    }

    /** @return how many injected faults are still waiting for a matching request (latency rules without limit excluded) */
    public synchronized int pendingFaults() {
        int pending = 0;
        for (final Rule rule : rules) {
            if (rule.remaining > 0) {
                pending += rule.remaining;
            }
        }
        return pending;
    }

    synchronized Duration latencyFor(final String method, final String path, final String query) {
        Duration total = Duration.ZERO;
        for (final Rule rule : rules) {
            if (rule.fault.kind() == FaultKind.LATENCY && rule.matches(method, path, query) && rule.take()) {
                total = total.plus(rule.fault.latency());
            }
        }
        return total;
    }

    synchronized Fault faultFor(final String method, final String path, final String query) {
        for (final Rule rule : rules) {
            if (rule.fault.kind() != FaultKind.LATENCY && rule.matches(method, path, query) && rule.take()) {
                return rule.fault;
            }
        }
        return null;
    }

    private synchronized void add(final Rule rule) {
        rules.add(rule);
    }

    /** Chooses what happens to requests matching the patterns given to {@link #onRequests}. */
    public final class RequestMatcher {
        private final String method;
        private final Pattern path;
        private final Pattern query;

        private RequestMatcher(final String method, final Pattern path, final Pattern query) {
            this.method = method;
            this.path = path;
            this.query = query;
        }

        /**
         * Fails the next matching requests with a status and error code; a 503 carries {@code Retry-After: 1}.
         *
         * @param times how many requests to fail
         * @param status HTTP status, e.g. 503, 500, 403, 409
         * @param errorCode Azure error code, e.g. {@code ServerBusy}
         */
        public void failNext(final int times, final int status, final String errorCode) {
            failNext(times, status, errorCode, status == 503 ? 1 : 0);
        }

        /**
         * Fails the next matching requests with a status, an error code and a {@code Retry-After} header.
         *
         * @param times how many requests to fail
         * @param status HTTP status
         * @param errorCode Azure error code
         * @param retryAfterSeconds value of {@code Retry-After}, 0 for none
         */
        public void failNext(final int times, final int status, final String errorCode, final int retryAfterSeconds) {
            add(new Rule(this, times, new Fault(FaultKind.STATUS, status, Objects.requireNonNull(errorCode),
                    retryAfterSeconds, 0, Duration.ZERO)));
        }

        /**
         * Closes the connection of the next matching requests after reading part of their body, before any answer;
         * the operation is not performed.
         *
         * @param times how many requests to cut
         * @param afterBytes request body bytes to read first
         */
        public void resetDuringRequestBody(final int times, final long afterBytes) {
            add(new Rule(this, times, new Fault(FaultKind.RESET_DURING_REQUEST_BODY, 0, null, 0, afterBytes, Duration.ZERO)));
        }

        /**
         * Performs the next matching requests, then closes the connection after sending part of the response body
         * (right after the operation when the response has no body): the client never learns the outcome.
         *
         * @param times how many requests to cut
         * @param afterBytes response body bytes to send first
         */
        public void resetDuringResponseBody(final int times, final long afterBytes) {
            add(new Rule(this, times, new Fault(FaultKind.RESET_DURING_RESPONSE_BODY, 0, null, 0, afterBytes, Duration.ZERO)));
        }

        /**
         * Performs the next matching requests (rename, flush, delete, append, ...), then closes the connection before
         * any of the answer is sent, not even its status line: the client sees a reset although the operation
         * happened, and a retry meets the new state (a renamed source or a deleted path is gone).
         *
         * @param times how many requests to cut
         */
        public void resetAfterApplying(final int times) {
            add(new Rule(this, times, new Fault(FaultKind.RESET_AFTER_APPLYING, 0, null, 0, 0, Duration.ZERO)));
        }

        /**
         * Delays matching requests before they are served.
         *
         * @param latency delay per request
         * @param times how many requests to delay, or a negative number for all of them until {@link #clear()}
         */
        public void addLatency(final Duration latency, final int times) {
            add(new Rule(this, times, new Fault(FaultKind.LATENCY, 0, null, 0, 0, Objects.requireNonNull(latency))));
        }
    }

    private static final class Rule {
        private final String method;
        private final Pattern path;
        private final Pattern query;
        private final Fault fault;
        private int remaining;

        private Rule(final RequestMatcher matcher, final int times, final Fault fault) {
            this.method = matcher.method;
            this.path = matcher.path;
            this.query = matcher.query;
            this.fault = fault;
            this.remaining = times;
        }

        private boolean matches(final String requestMethod, final String requestPath, final String requestQuery) {
            return (method == null || method.equalsIgnoreCase(requestMethod))
                    && (path == null || path.matcher(requestPath).find())
                    && (query == null || query.matcher(requestQuery).find());
        }

        private boolean take() {
            if (remaining == 0) {
                return false;
            }
            if (remaining > 0) {
                remaining--;
            }
            return true;
        }
    }
}
