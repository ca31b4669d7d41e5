package io.nififusion.services.target;

import io.nififusion.core.license.License;
import io.nififusion.core.license.LicenseIssuer;
import io.nififusion.testkit.time.SettableClock;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.util.MockPropertyContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step outcomes of the target's Verify that need no remote system: a failed step and the steps skipped after it. */
class TargetVerificationTest {
    private static final List<String> STEPS = List.of(LicenseChecker.STEP, HdInsightDiscovery.STEP,
            StorageProbe.STEP_FILESYSTEM, StorageProbe.STEP_PROBE, StorageProbe.STEP_NAMESPACE);

    private final LicenseIssuer issuer = LicenseIssuer.withNewKeyPair();
    private final Map<PropertyDescriptor, String> properties = new HashMap<>();
    private static final Instant ISSUED = Instant.parse("2027-03-01T00:00:00Z");

    private final TargetVerification verification = new TargetVerification(new LicenseChecker(new SettableClock(ISSUED.plus(Duration.ofDays(1)))));

    @Test
    void aClientThatCannotBeBuiltFailsAccessAndSkipsTheProbes() {
        properties.put(FusionTargetProperties.LICENSE_KEY, issuer.issue(new License("Contoso", "L-1", ISSUED, null, ISSUED.plus(Duration.ofDays(90)), List.of(), null)));
        properties.put(FusionTargetProperties.LICENSE_ISSUER_PUBLIC_KEY, issuer.getPublicKeyText());
        properties.put(FusionTargetProperties.FILESYSTEM_NAME, "migrated");
        properties.put(FusionTargetProperties.ACCOUNT_KEY, "a2V5LW5vdC11c2VkLWluLXRoaXMtdGVzdA==");

        final List<ConfigVerificationResult> results = verifyExpecting(Outcome.SUCCESSFUL, Outcome.SKIPPED, Outcome.FAILED, Outcome.SKIPPED, Outcome.SKIPPED);
        assertEquals("HDInsight Cluster URL not set", results.get(1).getExplanation());
        assertTrue(results.get(2).getExplanation().startsWith("Cannot create the ADLS client: "), results.get(2).getExplanation());
        assertTrue(results.get(2).getExplanation().contains("Storage Account Name and Filesystem Name are required"), results.get(2).getExplanation());
        assertEquals("Not run: Access Filesystem failed", results.get(3).getExplanation());
        assertEquals("Not run: Access Filesystem failed", results.get(4).getExplanation());
    }

    @Test
    void aClusterThatCannotBeReadSkipsTheStorageItWouldHaveNamed() {
        properties.put(FusionTargetProperties.LICENSE_KEY, "FUSION-TRIAL-1234");
        properties.put(FusionTargetProperties.HDINSIGHT_CLUSTER_URL, "http://mycluster.azurehdinsight.net");
        properties.put(FusionTargetProperties.AMBARI_PASSWORD, "ambari-password-value");
        properties.put(FusionTargetProperties.ACCOUNT_KEY, "a2V5LW5vdC11c2VkLWluLXRoaXMtdGVzdA==");

        // the storage steps do not need the license: its failure gates nothing
        final List<ConfigVerificationResult> results = verifyExpecting(Outcome.FAILED, Outcome.FAILED, Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED);
        assertTrue(results.get(0).getExplanation().startsWith("License key malformed"), results.get(0).getExplanation());
        assertEquals("HDInsight Cluster URL [http://mycluster.azurehdinsight.net] must use https:// (plain http is allowed for loopback addresses only)",
                results.get(1).getExplanation());
        for (final ConfigVerificationResult skipped : results.subList(2, 5)) {
            assertEquals("Not run: the storage account and filesystem come from the HDInsight cluster, which could not be read", skipped.getExplanation());
        }
        assertFalse(results.toString().contains("ambari-password-value"));
    }

    private List<ConfigVerificationResult> verifyExpecting(final Outcome... outcomes) {
        final List<ConfigVerificationResult> results = verification.verify(new MockPropertyContext(properties));
        assertEquals(STEPS, results.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        assertEquals(List.of(outcomes), results.stream().map(ConfigVerificationResult::getOutcome).toList(), results.toString());
        return results;
    }
}
