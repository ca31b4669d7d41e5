package io.nififusion.processors.torture;

import io.nififusion.processors.replicate.ReplicateToADLS;
import io.nififusion.services.target.FusionTargetProperties;
import io.nififusion.services.target.StandardFusionTargetService;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scan finds a secret wherever it shows, whole, in part or URL-encoded, and stays quiet when none shows. */
class SecretScanTest {
    private static final String ACCOUNT_KEY = "c2VjcmV0LWFjY291bnQta2V5LWZvci10aGUtc2Nhbi10ZXN0LTAxMjM0NTY3ODk=";
    private static final String SAS = "?sv=2021-06-08&ss=b&srt=sco&sp=rwdlacup&se=2030-01-01T00:00:00Z&sig=Zm9vYmFyYmF6cXV4K3NpZ25hdHVyZQ%3D%3D";

    private final TriggerJournal journal = TriggerJournal.current();
    private TestRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        journal.clear();
        runner = TestRunners.newTestRunner(ReplicateToADLS.class);
        final StandardFusionTargetService target = new StandardFusionTargetService();
        runner.addControllerService("target", target);
        runner.setProperty(target, FusionTargetProperties.ACCOUNT_KEY, ACCOUNT_KEY);
        runner.setProperty(target, FusionTargetProperties.SAS_TOKEN, SAS);
        journal.watch(runner);
    }

    @AfterEach
    void tearDown() {
        journal.clear();
    }

    @Test
    void nothingFoundWhereNoSecretShows() {
        runner.getLogger().warn("Copying {} failed", "/data/a.csv");
        final SecretScan scan = SecretScan.forSecretsOf(journal);

        assertTrue(scan.secretCount() >= 4, "key, SAS, their parts and the signature");
        assertEquals(List.of(), scan.scan(journal, "INFO a line of JVM output\n"));
    }

    @Test
    void aSecretIsFoundInALogMessageAnAttributeAProvenanceEventAndTheJvmOutput() {
        runner.getLogger().error("Refused with key {}", ACCOUNT_KEY.substring(20, 50));
        final MockFlowFile flowFile = new MockFlowFile(1);
        flowFile.putAttributes(Map.of("fusion.error.message", "403 on https://acct/fs/a?sig=Zm9vYmFyYmF6cXV4K3NpZ25hdHVyZQ%3D%3D"));
        journal.triggered(runner, List.of(flowFile), List.of());

        final List<String> findings = SecretScan.forSecretsOf(journal).scan(journal, "DEBUG request " + SAS + "\n");

        assertTrue(findings.stream().anyMatch(finding -> finding.contains("Account Key") && finding.contains("log arguments")), findings.toString());
        assertTrue(findings.stream().anyMatch(finding -> finding.contains("SAS Token") && finding.contains("FlowFile attribute fusion.error.message")),
                findings.toString());
        assertTrue(findings.stream().anyMatch(finding -> finding.contains("SAS Token") && finding.contains("JVM log output")), findings.toString());
    }
}
