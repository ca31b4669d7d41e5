package io.nififusion.flows;

import io.nififusion.flows.ComponentDefinition.BundleCoordinate;
import io.nififusion.flows.ComponentDefinition.PropertyDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Components of NiFi's own standard bundle that the shipped flows use, as NiFi 2.8.0 defines them. That bundle is
 * not published as a library to check against, so its definitions are written down here from its sources
 * (nifi-standard-processors, {@code org.apache.nifi.processors.standard.RetryFlowFile} at rel/nifi-2.8.0).
 */
final class StandardComponentDefinitions {
    static final String RETRY_FLOW_FILE = "org.apache.nifi.processors.standard.RetryFlowFile";
    static final BundleCoordinate STANDARD_BUNDLE = new BundleCoordinate("org.apache.nifi", "nifi-standard-nar", "2.8.0");

    static final Set<String> RETRY_FLOW_FILE_RELATIONSHIPS = Set.of("retry", "retries_exceeded", "failure");

    private StandardComponentDefinitions() {
    }

    static Map<String, ComponentDefinition> definitions() {
        final Map<String, PropertyDefinition> retry = new LinkedHashMap<>();
        put(retry, new PropertyDefinition("Retry Attribute", true, false, "flowfile.retries", List.of(), List.of(), null));
        put(retry, new PropertyDefinition("Maximum Retries", true, false, "3", List.of(), List.of(), null));
        put(retry, new PropertyDefinition("Penalize Retries", true, false, "true", List.of("true", "false"), List.of(), null));
        put(retry, new PropertyDefinition("Fail on Nonnumerical Overwrite", true, false, "false", List.of("true", "false"), List.of(), null));
        put(retry, new PropertyDefinition("Reuse Mode", true, false, "fail", List.of("fail", "warn", "reset"), List.of(), null));
        return Map.of(RETRY_FLOW_FILE, new ComponentDefinition(RETRY_FLOW_FILE, STANDARD_BUNDLE, retry, Set.of()));
    }

    private static void put(final Map<String, PropertyDefinition> properties, final PropertyDefinition definition) {
        properties.put(definition.name(), definition);
    }
}
