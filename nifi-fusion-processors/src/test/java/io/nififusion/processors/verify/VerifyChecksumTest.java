package io.nififusion.processors.verify;

import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyChecksumTest {

    @Test
    void relationshipsFollowTheScope() {
        final TestRunner runner = TestRunners.newTestRunner(VerifyChecksum.class);
        final Set<Relationship> fileScope = runner.getProcessor().getRelationships();

        runner.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.TREE);
        final Set<Relationship> treeScope = runner.getProcessor().getRelationships();
        runner.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.FILE);

        assertTrue(fileScope.contains(VerifyChecksum.CHANGED));
        assertFalse(fileScope.contains(VerifyChecksum.REPORT));
        assertEquals(Set.of(VerifyChecksum.REPORT, VerifyChecksum.ORIGINAL, VerifyChecksum.FAILURE), treeScope);
        assertEquals(fileScope, runner.getProcessor().getRelationships());
    }

    @Test
    void malformedExclusionIsRejectedWithItsReason() {
        final TestRunner runner = TestRunners.newTestRunner(VerifyChecksum.class);
        runner.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.TREE);

        final ValidationResult malformed = runner.setProperty(VerifyChecksum.EXCLUSIONS, "_temporary,regex:[unclosed");
        final ValidationResult wellFormed = runner.setProperty(VerifyChecksum.EXCLUSIONS, "_temporary,regex:/data/tmp/.*");

        assertFalse(malformed.isValid());
        assertTrue(malformed.getExplanation().contains("[unclosed"), malformed.getExplanation());
        assertTrue(wellFormed.isValid());
    }
}
