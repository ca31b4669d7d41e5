package io.nififusion.processors.flow;

import java.util.HashMap;
import java.util.Map;

/**
 * The routing rule of NiFi's standard RetryFlowFile (nifi-standard-nar), which is not a library this build can load:
 * the counter attribute named by Retry Attribute goes up by one; at most Maximum Retries times the FlowFile goes to
 * retry, after that to retries_exceeded with the counter removed. A non-numeric counter restarts at 1.
 */
final class RetryFlowFileRule {
    static final String RETRY = "retry";
    static final String RETRIES_EXCEEDED = "retries_exceeded";

    private final String attribute;
    private final int maximumRetries;

    RetryFlowFileRule(final Map<String, String> properties) {
        this.attribute = properties.getOrDefault("Retry Attribute", "flowfile.retries");
        this.maximumRetries = Integer.parseInt(properties.getOrDefault("Maximum Retries", "3"));
    }

    /** Updates the attributes in place and returns the relationship. */
    String route(final Map<String, String> attributes) {
        int attempt = 1;
        final String current = attributes.get(attribute);
        if (current != null) {
            try {
                attempt = Integer.parseInt(current.trim()) + 1;
            } catch (final NumberFormatException e) {
                attempt = 1;
            }
        }
        if (attempt > maximumRetries) {
            attributes.remove(attribute);
            return RETRIES_EXCEEDED;
        }
        attributes.put(attribute, Integer.toString(attempt));
        return RETRY;
    }

    static Map<String, String> copy(final Map<String, String> attributes) {
        return new HashMap<>(attributes);
    }
}
