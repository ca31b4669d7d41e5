package io.nififusion.flows;

import org.apache.nifi.flow.ConnectableComponentType;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flow definitions shipped in templates/, read with nifi-api's model and checked against the NAR this build produced. */
class ShippedFlowDefinitionsIT {
    static final String LIVE_MIGRATION = "hdfs-to-adls-live-migration.json";
    static final String AUDIT = "verification-audit.json";
    static final String FAN_OUT = "multi-region-fan-out.json";
    static final String HIVE = "hive-metastore-migration.json";
    static final String RESTORE = "restore-from-adls.json";
    private static final List<String> SHIPPED = List.of(LIVE_MIGRATION, AUDIT, FAN_OUT, HIVE, RESTORE);

    private static final String LIST = "io.nififusion.processors.list.ListHDFSChanges";
    private static final String REPLICATE = "io.nififusion.processors.replicate.ReplicateToADLS";
    private static final String VERIFY = "io.nififusion.processors.verify.VerifyChecksum";
    private static final String LIST_FOR_RESTORE = "io.nififusion.processors.restore.ListADLSForRestore";
    private static final String RESTORE_TO_HDFS = "io.nififusion.processors.restore.RestoreToHDFS";
    private static final String TARGET = "io.nififusion.services.target.StandardFusionTargetService";
    private static final String LIST_HIVE = "io.nififusion.hive.processors.ListHiveChanges";
    private static final String REPLICATE_HIVE = "io.nififusion.hive.processors.ReplicateHiveMetadata";
    private static final String VERIFY_HIVE = "io.nififusion.hive.processors.VerifyHiveMetadata";

    private static ExtensionManifest manifest;
    private static ExtensionManifest hiveManifest;
    private static Path templates;

    @BeforeAll
    static void readNar() throws IOException {
        manifest = ExtensionManifest.fromNar(Path.of(System.getProperty("nar.file", "../nifi-fusion-nar/target/nifi-fusion-nar.nar")));
        hiveManifest = ExtensionManifest.fromNar(Path.of(System.getProperty("hive.nar.file", "../nifi-fusion-hive-nar/target/nifi-fusion-hive-nar.nar")));
        templates = Path.of(System.getProperty("templates.directory", "../templates"));
    }

    @ParameterizedTest
    @ValueSource(strings = {LIVE_MIGRATION, AUDIT, FAN_OUT, HIVE, RESTORE})
    void flowIsSoundAgainstTheNar(final String file) throws IOException {
        final RegisteredFlowSnapshot snapshot = FlowDefinitionReader.read(templates.resolve(file));
        final List<String> problems = new FlowDefinitionCheck(manifest, List.of(hiveManifest)).check(snapshot);
        assertEquals(List.of(), problems, file);
    }

    @Test
    void everyShippedFlowIsChecked() throws IOException {
        final Set<String> shipped;
        try (Stream<Path> files = Files.list(templates)) {
            shipped = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(SHIPPED), shipped);
    }

    @Test
    void everyNarComponentIsUsedByAShippedFlow() throws IOException {
        final Set<String> used = new TreeSet<>();
        for (final String file : SHIPPED) {
            final VersionedProcessGroup group = FlowDefinitionReader.read(templates.resolve(file)).getFlowContents();
            group.getProcessors().forEach(processor -> used.add(processor.getType()));
            group.getControllerServices().forEach(service -> used.add(service.getType()));
        }
        assertTrue(used.containsAll(manifest.getComponents().keySet()), "unused: " + manifest.getComponents().keySet() + " vs " + used);
        assertTrue(used.containsAll(hiveManifest.getComponents().keySet()), "unused: " + hiveManifest.getComponents().keySet() + " vs " + used);
    }

    @Test
    void liveMigrationListsOnThePrimaryNodeAndSpreadsRecordsOverTheCluster() throws IOException {
        final VersionedProcessGroup group = FlowDefinitionReader.read(templates.resolve(LIVE_MIGRATION)).getFlowContents();
        final VersionedProcessor list = onlyOfType(group, LIST);
        final VersionedProcessor replicate = onlyOfType(group, REPLICATE);
        final VersionedProcessor verify = onlyOfType(group, VERIFY);
        final VersionedProcessor bound = onlyOfType(group, StandardComponentDefinitions.RETRY_FLOW_FILE);
        assertEquals("PRIMARY", list.getExecutionNode());
        assertEquals(1, list.getConcurrentlySchedulableTaskCount());

        final VersionedConnection records = connection(group, list, "success");
        assertEquals(replicate.getIdentifier(), records.getDestination().getId());
        assertEquals("ROUND_ROBIN", records.getLoadBalanceStrategy());
        assertTrue(records.getBackPressureObjectThreshold() >= 1_000_000, "a petabyte listing needs a deep queue");

        assertEquals(replicate.getIdentifier(), connection(group, replicate, "retry").getDestination().getId(), "retry loops back");
        assertEquals(verify.getIdentifier(), connection(group, replicate, "success").getDestination().getId());
        assertEquals(ConnectableComponentType.OUTPUT_PORT, connection(group, replicate, "failure").getDestination().getType());
        assertEquals("FILE", verify.getProperties().get("Verification Scope"));
        assertEquals(bound.getIdentifier(), connection(group, verify, "mismatch").getDestination().getId());
        assertEquals(bound.getIdentifier(), connection(group, verify, "missing").getDestination().getId());
        assertEquals(replicate.getIdentifier(), connection(group, bound, "retry").getDestination().getId(), "bounded loop back to replication");
        assertEquals(ConnectableComponentType.OUTPUT_PORT, connection(group, bound, "retries_exceeded").getDestination().getType());
        assertEquals("#{verification.max.retries}", bound.getProperties().get("Maximum Retries"));
    }

    @Test
    void liveMigrationKeepsReplacedVersionsOnlyWhenTheOperatorAsks() throws IOException {
        final RegisteredFlowSnapshot snapshot = FlowDefinitionReader.read(templates.resolve(LIVE_MIGRATION));
        final VersionedProcessor replicate = onlyOfType(snapshot.getFlowContents(), REPLICATE);
        assertEquals("#{replication.delete.policy}", replicate.getProperties().get("Delete Policy"));
        assertEquals("#{replication.keep.replaced.versions}", replicate.getProperties().get("Keep Replaced Versions"));
        final VersionedParameter keep = snapshot.getParameterContexts().values().iterator().next().getParameters().stream()
                .filter(parameter -> parameter.getName().equals("replication.keep.replaced.versions")).findFirst().orElseThrow();
        assertEquals("false", keep.getValue(), "reading every replaced version back costs bandwidth: off unless asked for");
    }

    @Test
    void restoreListsOnThePrimaryNodeAndRestoresOnEveryNode() throws IOException {
        final VersionedProcessGroup group = FlowDefinitionReader.read(templates.resolve(RESTORE)).getFlowContents();
        final VersionedProcessor list = onlyOfType(group, LIST_FOR_RESTORE);
        final VersionedProcessor restore = onlyOfType(group, RESTORE_TO_HDFS);
        assertEquals("PRIMARY", list.getExecutionNode());
        assertEquals(1, list.getConcurrentlySchedulableTaskCount());
        assertEquals("ALL", restore.getExecutionNode());
        final VersionedConnection records = connection(group, list, "success");
        assertEquals(restore.getIdentifier(), records.getDestination().getId());
        assertEquals("ROUND_ROBIN", records.getLoadBalanceStrategy());
        assertEquals(restore.getIdentifier(), connection(group, restore, "retry").getDestination().getId(), "retry loops back");
        assertEquals(ConnectableComponentType.OUTPUT_PORT, connection(group, restore, "failure").getDestination().getType());
        assertEquals("#{restore.path}", list.getProperties().get("Restore Path"));
    }

    @Test
    void auditRunsOnAScheduleOnThePrimaryNodeOverATree() throws IOException {
        final VersionedProcessGroup group = FlowDefinitionReader.read(templates.resolve(AUDIT)).getFlowContents();
        final VersionedProcessor audit = onlyOfType(group, VERIFY);
        assertEquals("CRON_DRIVEN", audit.getSchedulingStrategy());
        assertEquals("PRIMARY", audit.getExecutionNode());
        assertEquals("TREE", audit.getProperties().get("Verification Scope"));
        assertEquals(ConnectableComponentType.OUTPUT_PORT, connection(group, audit, "report").getDestination().getType());
    }

    @Test
    void fanOutGivesEachTargetItsOwnBranch() throws IOException {
        final VersionedProcessGroup group = FlowDefinitionReader.read(templates.resolve(FAN_OUT)).getFlowContents();
        final List<VersionedControllerService> targets = group.getControllerServices().stream().filter(service -> TARGET.equals(service.getType())).toList();
        assertEquals(2, targets.size());
        assertNotEquals(targets.get(0).getProperties().get("Storage Account Name"), targets.get(1).getProperties().get("Storage Account Name"));

        final VersionedProcessor list = onlyOfType(group, LIST);
        final List<VersionedConnection> branches = group.getConnections().stream()
                .filter(connection -> connection.getSource().getId().equals(list.getIdentifier())).toList();
        assertEquals(2, branches.size());
        final Set<String> branchTargets = new TreeSet<>();
        for (final VersionedConnection branch : branches) {
            final VersionedProcessor replicate = processor(group, branch.getDestination().getId());
            assertEquals(REPLICATE, replicate.getType());
            branchTargets.add(replicate.getProperties().get("Fusion Target Service"));
            assertEquals(replicate.getIdentifier(), connection(group, replicate, "retry").getDestination().getId(), "an outage stays in its own retry loop");
            assertTrue(branch.getBackPressureObjectThreshold() >= 10_000_000, "a deep queue absorbs one target's outage");
        }
        assertEquals(targets.stream().map(VersionedControllerService::getIdentifier).collect(Collectors.toCollection(TreeSet::new)), branchTargets);
    }

    @Test
    void hiveFlowListsOnThePrimaryNodeWaitsOnRetryAndSharesTheMigrationsMapping() throws IOException {
        final RegisteredFlowSnapshot snapshot = FlowDefinitionReader.read(templates.resolve(HIVE));
        final VersionedProcessGroup group = snapshot.getFlowContents();
        final VersionedProcessor list = onlyOfType(group, LIST_HIVE);
        final VersionedProcessor replicate = onlyOfType(group, REPLICATE_HIVE);
        final VersionedProcessor audit = onlyOfType(group, VERIFY_HIVE);
        assertEquals("nifi-fusion-hive-nar", list.getBundle().getArtifact());
        assertEquals("PRIMARY", list.getExecutionNode());
        final VersionedConnection records = connection(group, list, "success");
        assertEquals(replicate.getIdentifier(), records.getDestination().getId());
        assertEquals("ROUND_ROBIN", records.getLoadBalanceStrategy());
        assertEquals(replicate.getIdentifier(), connection(group, replicate, "retry").getDestination().getId(), "a partition waiting for its files loops back");
        assertEquals("CRON_DRIVEN", audit.getSchedulingStrategy());
        assertEquals("PRIMARY", audit.getExecutionNode());
        // one Parameter Context with the data migration: the metadata's locations are mapped with the very mapping the data is copied with
        final String context = FlowDefinitionReader.read(templates.resolve(LIVE_MIGRATION)).getFlowContents().getParameterContextName();
        assertEquals(context, group.getParameterContextName());
        final VersionedControllerService target = group.getControllerServices().stream().filter(service -> TARGET.equals(service.getType())).findFirst().orElseThrow();
        assertEquals("#{mapping.source.root}", target.getProperties().get("Source Root"));
    }

    @Test
    void secretsAreSensitiveParametersWithoutValues() throws IOException {
        for (final String file : SHIPPED) {
            final RegisteredFlowSnapshot snapshot = FlowDefinitionReader.read(templates.resolve(file));
            final Set<String> sensitive = new TreeSet<>();
            for (final VersionedParameter parameter : snapshot.getParameterContexts().values().iterator().next().getParameters()) {
                if (parameter.isSensitive()) {
                    sensitive.add(parameter.getName());
                }
            }
            assertTrue(sensitive.contains("license.key"), file);
            assertFalse(sensitive.isEmpty(), file);
            for (final VersionedControllerService service : snapshot.getFlowContents().getControllerServices()) {
                for (final Map.Entry<String, org.apache.nifi.flow.VersionedPropertyDescriptor> descriptor : service.getPropertyDescriptors().entrySet()) {
                    if (descriptor.getValue().isSensitive()) {
                        final String value = service.getProperties().get(descriptor.getKey());
                        assertNotNull(value, file + " " + service.getName() + " " + descriptor.getKey());
                        assertTrue(sensitive.contains(value.substring(2, value.length() - 1)), file + " " + descriptor.getKey() + " = " + value);
                    }
                }
            }
        }
    }

    private static VersionedProcessor onlyOfType(final VersionedProcessGroup group, final String type) {
        final List<VersionedProcessor> found = group.getProcessors().stream().filter(processor -> type.equals(processor.getType())).toList();
        assertEquals(1, found.size(), type);
        return found.get(0);
    }

    private static VersionedProcessor processor(final VersionedProcessGroup group, final String identifier) {
        return group.getProcessors().stream().filter(processor -> processor.getIdentifier().equals(identifier)).findFirst().orElseThrow();
    }

    private static VersionedConnection connection(final VersionedProcessGroup group, final VersionedProcessor source, final String relationship) {
        final List<VersionedConnection> found = group.getConnections().stream()
                .filter(connection -> connection.getSource().getId().equals(source.getIdentifier()) && connection.getSelectedRelationships().contains(relationship))
                .toList();
        assertEquals(1, found.size(), source.getName() + " " + relationship);
        return found.get(0);
    }
}
