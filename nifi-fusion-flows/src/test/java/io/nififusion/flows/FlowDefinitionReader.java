package io.nififusion.flows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a flow definition with nifi-api's own model, refusing any field the model does not have. */
final class FlowDefinitionReader {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, true);

    private FlowDefinitionReader() {
    }

    static RegisteredFlowSnapshot read(final Path file) throws IOException {
        return STRICT.readValue(file.toFile(), RegisteredFlowSnapshot.class);
    }

    static RegisteredFlowSnapshot read(final String json) throws IOException {
        return STRICT.readValue(json, RegisteredFlowSnapshot.class);
    }
}
