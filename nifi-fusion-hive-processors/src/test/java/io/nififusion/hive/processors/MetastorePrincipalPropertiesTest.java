package io.nififusion.hive.processors;

import io.nififusion.processors.FusionTestServices;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import org.apache.hadoop.conf.Configuration;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metastore principals and the identities they call for, as an operator configures them; no metastore is reached. */
class MetastorePrincipalPropertiesTest {
    private static final String METASTORE_URI = "thrift://127.0.0.1:9083";

    @TempDir
    Path directory;

    @Test
    void aSourcePrincipalCallsForTheHdfsSourceServiceWhoseUserAuthenticates() {
        final TestRunner runner = TestRunners.newTestRunner(ListHiveChanges.class);
        runner.setProperty(ListHiveChanges.SOURCE_METASTORE_URI, METASTORE_URI);
        runner.setProperty(ListHiveChanges.DATABASE_PATTERNS, "sales");
        runner.assertValid();

        runner.setProperty(ListHiveChanges.SOURCE_METASTORE_PRINCIPAL, "hive@EXAMPLE.COM");
        assertInvalid(runner, ListHiveChanges.SOURCE_METASTORE_PRINCIPAL.getDisplayName(), "service/host@REALM");

        runner.setProperty(ListHiveChanges.SOURCE_METASTORE_PRINCIPAL, "hive/_HOST@EXAMPLE.COM");
        assertInvalid(runner, ListHiveChanges.HDFS_SOURCE_SERVICE.getDisplayName(), "");
    }

    @Test
    void aTargetPrincipalCallsForATargetKerberosUserService() {
        final TestRunner runner = TestRunners.newTestRunner(ReplicateHiveMetadata.class);
        runner.setProperty(ReplicateHiveMetadata.SOURCE_METASTORE_URI, METASTORE_URI);
        runner.setProperty(ReplicateHiveMetadata.TARGET_METASTORE_PRINCIPAL, "hive/_HOST");
        assertInvalid(runner, ReplicateHiveMetadata.TARGET_METASTORE_PRINCIPAL.getDisplayName(), "service/host@REALM");

        runner.setProperty(ReplicateHiveMetadata.TARGET_METASTORE_PRINCIPAL, "hive/_HOST@CONTOSO.ONMICROSOFT.COM");
        assertInvalid(runner, ReplicateHiveMetadata.TARGET_KERBEROS_USER_SERVICE.getDisplayName(), "");

        runner.removeProperty(ReplicateHiveMetadata.TARGET_METASTORE_PRINCIPAL);
        assertTrue(invalidSubjects(runner).stream().noneMatch(subject -> subject.equals(ReplicateHiveMetadata.TARGET_KERBEROS_USER_SERVICE.getDisplayName())),
                "no Kerberos user is asked for without a target principal: " + invalidSubjects(runner));
    }

    @Test
    void aSourceServiceWithoutKerberosFailsTheKerberosStepAndSkipsTheRest() throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(ListHiveChanges.class);
        final StandardHdfsSourceService source = new StandardHdfsSourceService();
        runner.addControllerService(FusionTestServices.SOURCE_SERVICE_ID, source);
        runner.setProperty(source, StandardHdfsSourceService.HADOOP_CONFIGURATION_RESOURCES, writeSimpleConfiguration().toString());
        runner.setProperty(source, StandardHdfsSourceService.REMOTE_USER, "bob");
        runner.enableControllerService(source);
        runner.setProperty(ListHiveChanges.SOURCE_METASTORE_URI, METASTORE_URI);
        runner.setProperty(ListHiveChanges.SOURCE_METASTORE_PRINCIPAL, "hive/_HOST@EXAMPLE.COM");
        runner.setProperty(ListHiveChanges.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(ListHiveChanges.DATABASE_PATTERNS, "sales");
        runner.assertValid();

        final List<ConfigVerificationResult> results = ((VerifiableProcessor) runner.getProcessor()).verify(runner.getProcessContext(), runner.getLogger(), Map.of());

        assertEquals(List.of(ListHiveChanges.STEP_KERBEROS, ListHiveChanges.STEP_CONNECT, ListHiveChanges.STEP_NOTIFICATIONS),
                results.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, results.get(0).getOutcome());
        assertTrue(results.get(0).getExplanation().contains("bob (the HDFS Source Service's user) holds no current Kerberos ticket"), results.get(0).getExplanation());
        assertEquals(ConfigVerificationResult.Outcome.SKIPPED, results.get(1).getOutcome());
        assertEquals(ConfigVerificationResult.Outcome.SKIPPED, results.get(2).getOutcome());
    }

    private Path writeSimpleConfiguration() throws Exception {
        final Configuration client = new Configuration(false);
        client.set("fs.defaultFS", "hdfs://127.0.0.1:8020");
        final Path file = directory.resolve("core-site.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            client.writeXml(out);
        }
        return file;
    }

    private static void assertInvalid(final TestRunner runner, final String subject, final String explanationPart) {
        final Collection<ValidationResult> results = ((MockProcessContext) runner.getProcessContext()).validate();
        assertTrue(results.stream().anyMatch(result -> !result.isValid() && subject.equals(result.getSubject())
                && (result.getExplanation() == null ? "" : result.getExplanation()).contains(explanationPart)), subject + " should be invalid: " + results);
    }

    private static List<String> invalidSubjects(final TestRunner runner) {
        return ((MockProcessContext) runner.getProcessContext()).validate().stream().filter(result -> !result.isValid()).map(ValidationResult::getSubject).toList();
    }
}
