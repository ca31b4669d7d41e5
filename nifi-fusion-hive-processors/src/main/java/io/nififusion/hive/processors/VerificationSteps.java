package io.nififusion.hive.processors;

import org.apache.nifi.components.ConfigVerificationResult;

/** Builds the named steps of a Verify run. */
final class VerificationSteps {
    private VerificationSteps() {
    }

    static ConfigVerificationResult success(final String step, final String explanation) {
        return result(step, ConfigVerificationResult.Outcome.SUCCESSFUL, explanation);
    }

    static ConfigVerificationResult failure(final String step, final String explanation) {
        return result(step, ConfigVerificationResult.Outcome.FAILED, explanation);
    }

    static ConfigVerificationResult skipped(final String step, final String explanation) {
        return result(step, ConfigVerificationResult.Outcome.SKIPPED, explanation);
    }

    private static ConfigVerificationResult result(final String step, final ConfigVerificationResult.Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(step).outcome(outcome).explanation(explanation).build();
    }
}
