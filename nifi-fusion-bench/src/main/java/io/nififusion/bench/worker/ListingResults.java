package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** Counts as a JSON object for a result line. */
final class ListingResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ListingResults() {
    }

    static ObjectNode json(final Map<String, Long> counts) {
        final ObjectNode node = JSON.createObjectNode();
        counts.forEach(node::put);
        return node;
    }
}
