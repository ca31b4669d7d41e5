package io.nififusion.services.verification;

import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerificationReportTest {

    @Test
    void stepsAfterAFailureAreSkippedNamingIt() {
        final VerificationReport report = new VerificationReport();
        assertTrue(report.add(VerificationReport.successful("Connect", "connected")));
        assertFalse(report.add(VerificationReport.failed("Read", "permission denied")));
        report.skipAfterFailure("Read", "Write", "Rename");

        final List<ConfigVerificationResult> results = report.results();
        assertEquals(List.of("Connect", "Read", "Write", "Rename"), results.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        assertEquals(List.of(Outcome.SUCCESSFUL, Outcome.FAILED, Outcome.SKIPPED, Outcome.SKIPPED),
                results.stream().map(ConfigVerificationResult::getOutcome).toList());
        assertEquals("Not run: Read failed", results.get(2).getExplanation());
        assertEquals("Not run: Read failed", results.get(3).getExplanation());
    }

    @Test
    void aSkippedStepDoesNotCountAsPassed() {
        final VerificationReport report = new VerificationReport();
        assertFalse(report.add(VerificationReport.skipped("Cluster", "HDInsight Cluster URL not set")));
        report.skip("nothing to check", "A");
        assertEquals("nothing to check", report.results().get(1).getExplanation());
        assertEquals(Outcome.SKIPPED, report.results().get(1).getOutcome());
    }
}
