package io.nififusion.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of rot the flow check exists for, made on purpose in a copy of the live migration flow, is found and named. */
class FlowDefinitionCheckIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ExtensionManifest manifest;
    private static JsonNode liveMigration;

    @BeforeAll
    static void read() throws IOException {
        manifest = ExtensionManifest.fromNar(Path.of(System.getProperty("nar.file", "../nifi-fusion-nar/target/nifi-fusion-nar.nar")));
        liveMigration = MAPPER.readTree(Path.of(System.getProperty("templates.directory", "../templates"), ShippedFlowDefinitionsIT.LIVE_MIGRATION).toFile());
    }

    @Test
    void theUnchangedFlowHasNoProblem() throws IOException {
        assertEquals(List.of(), problemsAfter(flow -> { }));
    }

    @Test
    void aFieldTheModelDoesNotHaveIsRefused() {
        final ObjectNode flow = liveMigration.deepCopy();
        ((ObjectNode) flow.get("flowContents")).put("variables", "not in NiFi 2");
        assertThrows(UnrecognizedPropertyException.class, () -> FlowDefinitionReader.read(MAPPER.writeValueAsString(flow)));
    }

    @Test
    void anUnknownPropertyNameIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> processor(flow, "Replicate to ADLS").with("properties").put("Chunk Sise", "8 MB"));
        assertProblem(problems, "property Chunk Sise is not a property of ReplicateToADLS");
    }

    @Test
    void aValueOutsideTheAllowableValuesIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> processor(flow, "Verify Checksum").with("properties").put("Verification Depth", "Quick"));
        assertProblem(problems, "Verification Depth is Quick, not one of [QUICK, DEEP]");
    }

    @Test
    void aParameterDefaultOutsideTheAllowableValuesIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> parameter(flow, "source.change.capture.mode").put("value", "INOTIFY"));
        assertProblem(problems, "Change Capture Mode is INOTIFY (from #{source.change.capture.mode})");
    }

    @Test
    void aRequiredPropertyLeftEmptyIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> processor(flow, "List HDFS Changes").with("properties").putNull("Source Roots"));
        assertProblem(problems, "Source Roots is required and neither set nor parameterized");
    }

    @Test
    void anUndefinedParameterIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> processor(flow, "List HDFS Changes").with("properties").put("Source Roots", "#{source.rootz}"));
        assertProblem(problems, "references parameter source.rootz, which the parameter context does not define");
        assertProblem(problems, "parameter source.roots is referenced by no component");
    }

    @Test
    void aParameterWithoutDescriptionIsNamed() throws IOException {
        assertProblem(problemsAfter(flow -> parameter(flow, "source.roots").put("description", "")), "parameter source.roots has no description");
    }

    @Test
    void aSensitivePropertyOnANonSensitiveParameterIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> parameter(flow, "target.account.key").put("sensitive", false));
        assertProblem(problems, "Account Key is sensitive but references the non-sensitive parameter target.account.key");
    }

    @Test
    void aSecretShippedWithAValueIsNamed() throws IOException {
        assertProblem(problemsAfter(flow -> parameter(flow, "license.key").put("value", "eyJsaWNlbnNl")),
                "sensitive parameter license.key carries a value");
    }

    @Test
    void aLiteralInASensitivePropertyIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> service(flow, "ADLS Target").with("properties").put("Account Key", "c2VjcmV0"));
        assertProblem(problems, "Account Key is sensitive: its value must be one parameter reference");
    }

    @Test
    void aRelationshipLeftDanglingIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> {
            final ArrayNode connections = (ArrayNode) flow.get("flowContents").get("connections");
            for (int i = 0; i < connections.size(); i++) {
                final JsonNode connection = connections.get(i);
                if (connection.get("source").get("name").asText().equals("Replicate to ADLS")
                        && connection.get("selectedRelationships").toString().contains("\"failure\"")) {
                    connections.remove(i);
                    return;
                }
            }
        });
        assertProblem(problems, "Replicate to ADLS: relationship failure is neither connected nor auto-terminated");
    }

    @Test
    void anOutputPortThatReceivesNothingIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> ((ArrayNode) flow.get("flowContents").get("outputPorts")).add(MAPPER.createObjectNode()
                .put("identifier", "5d1b9c0e-0000-4000-8000-000000000001").put("name", "Nobody Sends Here").put("type", "OUTPUT_PORT")
                .put("componentType", "OUTPUT_PORT").put("groupIdentifier", flow.get("flowContents").get("identifier").asText())));
        assertProblem(problems, "output port Nobody Sends Here receives nothing");
    }

    @Test
    void aConnectionToAMissingComponentIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> ((ObjectNode) flow.get("flowContents").get("connections").get(0).get("destination"))
                .put("id", "00000000-0000-0000-0000-000000000000"));
        assertProblem(problems, "(00000000-0000-0000-0000-000000000000) is not in group");
    }

    @Test
    void aRelationshipTheProcessorDoesNotHaveIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> ((ArrayNode) processor(flow, "Verify Checksum").get("autoTerminatedRelationships")).add("report"));
        assertProblem(problems, "auto-terminates report, which it does not have");
    }

    @Test
    void aBundleOtherThanTheNarIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> processor(flow, "List HDFS Changes").with("bundle").put("version", "0.0.1"));
        assertProblem(problems, "bundle io.nififusion:nifi-fusion-nar:0.0.1 is not io.nififusion:nifi-fusion-nar:" + manifest.getBundle().version());
    }

    @Test
    void aTypeNotInTheNarIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> processor(flow, "List HDFS Changes").put("type", "io.nififusion.processors.ListHDFSChanges"));
        assertProblem(problems, "type io.nififusion.processors.ListHDFSChanges is not in the NAR");
    }

    @Test
    void aServiceReferenceToAnotherServiceTypeIsNamed() throws IOException {
        final String targetId = service(liveMigration.deepCopy(), "ADLS Target").get("identifier").asText();
        final List<String> problems = problemsAfter(flow -> processor(flow, "List HDFS Changes").with("properties").put("HDFS Source Service", targetId));
        assertProblem(problems, "HDFS Source Service needs a io.nififusion.services.hdfs.HdfsSourceService but Controller Service ADLS Target does not provide one");
    }

    @Test
    void aMisspelledRetryFlowFilePropertyIsNamed() throws IOException {
        final List<String> problems = problemsAfter(flow -> processor(flow, "Bound Re-replication").with("properties").put("Maximum Retry", "3"));
        assertProblem(problems, "property Maximum Retry is not a property of RetryFlowFile");
    }

    private static List<String> problemsAfter(final Consumer<ObjectNode> change) throws IOException {
        final ObjectNode flow = liveMigration.deepCopy();
        change.accept(flow);
        return new FlowDefinitionCheck(manifest).check(FlowDefinitionReader.read(MAPPER.writeValueAsString(flow)));
    }

    private static void assertProblem(final List<String> problems, final String expected) {
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expected)), "expected a problem containing [" + expected + "] in " + problems);
    }

    private static ObjectNode processor(final JsonNode flow, final String name) {
        return named(flow.get("flowContents").get("processors"), name);
    }

    private static ObjectNode service(final JsonNode flow, final String name) {
        return named(flow.get("flowContents").get("controllerServices"), name);
    }

    private static ObjectNode parameter(final JsonNode flow, final String name) {
        return named(flow.get("parameterContexts").elements().next().get("parameters"), name);
    }

    private static ObjectNode named(final JsonNode array, final String name) {
        for (final JsonNode node : array) {
            if (node.get("name").asText().equals(name)) {
                return (ObjectNode) node;
            }
        }
        throw new IllegalArgumentException("No " + name);
    }
}
