package io.nififusion.processors.catalogue;

import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.list.ListHDFSChanges;
import io.nififusion.processors.replicate.PreserveMetadataOption;
import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.processors.verify.VerificationScope;
import io.nififusion.processors.verify.VerifyChecksum;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import io.nififusion.services.target.StandardFusionTargetService;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invalid paths and patterns in every property that takes one: each makes its component invalid with an explanation
 * that names the problem, so NiFi refuses to start it and nothing runs on a bad setting. Every case starts from a
 * valid configuration and changes one property.
 */
class InvalidPropertiesTest {
    private static final String SOURCE_ID = "source";
    private static final String TARGET_ID = "target";

    @TempDir
    static Path directory;
    private static String hadoopConfiguration;

    @BeforeAll
    static void writeHadoopConfiguration() throws IOException {
        // a NameNode address nothing listens on: validation and enabling never connect
        hadoopConfiguration = Files.writeString(directory.resolve("core-site.xml"),
                "<configuration><property><name>fs.defaultFS</name><value>hdfs://127.0.0.1:1</value></property></configuration>").toString();
    }

    @ParameterizedTest(name = "ListHDFSChanges {0} = [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Source Roots|data/warehouse|absolute",
            "Source Roots|/data,/data/warehouse|inside",
            "Source Roots|/data/../etc|..",
            "Exclusions|regex:[unclosed|regular expression",
            "Exclusions|*.tmp,[abc|[abc",
            "Max Records per Trigger|0|",
            "Poll Timeout|soon|",
            "Max Open Duration|forever|"})
    void listingRejects(final String property, final String value, final String explanationFragment) {
        final TestRunner runner = processor(ListHDFSChanges.class);
        runner.setProperty("Source Roots", "/data");
        assertRejected(runner, property, value, explanationFragment);
    }

    @ParameterizedTest(name = "ListHDFSChanges with a target service, Source Roots = [{0}]")
    @CsvSource(delimiter = '|', value = {"/other|outside the Source Root /data", "/data/warehouse,/user/etl|/user/etl is outside"})
    void listingRootsOutsideTheTargetMappingAreRejected(final String roots, final String explanationFragment) {
        final TestRunner runner = processor(ListHDFSChanges.class);
        runner.setProperty("Source Roots", "/data/warehouse");
        runner.setProperty("Fusion Target Service", TARGET_ID);
        assertRejected(runner, "Source Roots", roots, explanationFragment);
    }

    @ParameterizedTest(name = "ReplicateToADLS {0} = [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Temp Name Prefix|tmp.|start with",
            "Temp Name Prefix|_fusion/tmp.|'/'",
            "Exclusions|regex:(open|regular expression",
            "Chunk Size|5 GB|",
            "Chunk Size|eight megabytes|",
            "Parallel Chunks per File|0|",
            "Orphaned Temp Age|later|",
            "Bandwidth Limit|fast|",
            "Preserve Metadata|all but owners|"})
    void replicationRejects(final String property, final String value, final String explanationFragment) {
        assertRejected(processor(ReplicateToADLS.class), property, value, explanationFragment);
    }

    @ParameterizedTest(name = "ReplicateToADLS Identity Mapping File = [{0}]")
    @CsvSource({"/no/such/identity-map.txt"})
    void replicationRejectsAMissingIdentityMappingFile(final String value) {
        final TestRunner runner = processor(ReplicateToADLS.class);
        runner.setProperty("Preserve Metadata", PreserveMetadataOption.ALL.getValue());
        assertRejected(runner, "Identity Mapping File", value, "");
    }

    @ParameterizedTest(name = "VerifyChecksum {0} = [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Tree Root|warehouse/orders|absolute",
            "Tree Root|/data/../etc|..",
            "Exclusions|regex:*|regular expression",
            "Max Files per Second|-5|"})
    void verificationRejects(final String property, final String value, final String explanationFragment) {
        final TestRunner runner = processor(VerifyChecksum.class);
        runner.setProperty("Verification Scope", VerificationScope.TREE.getValue());
        runner.setProperty("Tree Root", "/data");
        assertRejected(runner, property, value, explanationFragment);
    }

    @ParameterizedTest(name = "FusionTargetService {0} = [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Source Root|data|absolute",
            "Source Root|/data/../etc|..",
            "Target Root|landing/../other|..",
            "Target Root|landing/odd.|'.'",
            "Custom Endpoint|not a url|",
            "Custom Endpoint|ftp://127.0.0.1/account|",
            "HDInsight Cluster URL|http://cluster.example.com|https",
            "Filesystem Name|Upper_Case|"})
    void targetServiceRejects(final String property, final String value, final String explanationFragment) {
        final TestRunner runner = processor(ReplicateToADLS.class);
        final StandardFusionTargetService service = (StandardFusionTargetService) runner.getControllerService(TARGET_ID);
        runner.disableControllerService(service);
        runner.assertValid(service);
        runner.setProperty(service, property, value);
        runner.assertNotValid(service);
    }

    @ParameterizedTest(name = "HdfsSourceService {0} = [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Hadoop Configuration Resources|/no/such/hdfs-site.xml",
            "Hadoop Configuration Resources|/no/such/core-site.xml,/no/such/hdfs-site.xml"})
    void sourceServiceRejects(final String property, final String value) {
        final TestRunner runner = processor(ReplicateToADLS.class);
        final StandardHdfsSourceService service = (StandardHdfsSourceService) runner.getControllerService(SOURCE_ID);
        runner.disableControllerService(service);
        runner.assertValid(service);
        runner.setProperty(service, property, value);
        runner.assertNotValid(service);
    }

    /** A processor with enabled source and target services, valid as configured. */
    private static TestRunner processor(final Class<? extends Processor> type) {
        final TestRunner runner = TestRunners.newTestRunner(type);
        try {
            final StandardHdfsSourceService source = new StandardHdfsSourceService();
            runner.addControllerService(SOURCE_ID, source, Map.of("Hadoop Configuration Resources", hadoopConfiguration));
            runner.enableControllerService(source);
            FusionTestServices.addOfflineTarget(runner, TARGET_ID, "/data", "landing");
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
        if (runner.getProcessor().getPropertyDescriptors().stream().anyMatch(descriptor -> descriptor.getName().equals("HDFS Source Service"))) {
            runner.setProperty("HDFS Source Service", SOURCE_ID);
        }
        if (runner.getProcessor().getPropertyDescriptors().stream().anyMatch(descriptor -> descriptor.getName().equals("Fusion Target Service")
                && descriptor.isRequired())) {
            runner.setProperty("Fusion Target Service", TARGET_ID);
        }
        return runner;
    }

    private static void assertRejected(final TestRunner runner, final String property, final String value, final String fragment) {
        final String explanationFragment = Objects.requireNonNullElse(fragment, "");
        runner.assertValid();
        runner.setProperty(property, value);
        final Collection<ValidationResult> results = ((MockProcessContext) runner.getProcessContext()).validate();
        final String explanations = results.stream().filter(result -> !result.isValid()).map(ValidationResult::toString).toList().toString();
        assertFalse(results.stream().allMatch(ValidationResult::isValid), property + " = [" + value + "] was accepted");
        assertTrue(explanations.contains(property), explanations);
        assertTrue(explanations.toLowerCase(Locale.ROOT).contains(explanationFragment.toLowerCase(Locale.ROOT).replace("'", "")) ,
                "explanation of " + property + " = [" + value + "] should say [" + explanationFragment + "]: " + explanations);
    }
}
