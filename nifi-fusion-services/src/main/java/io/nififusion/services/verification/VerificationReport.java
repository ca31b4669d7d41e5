package io.nififusion.services.verification;

import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one Verify, in order. A step that needs one that failed is not run but reported SKIPPED, naming the
 * failed step, so one cause shows as one failure.
 */
public final class VerificationReport {
    private final List<ConfigVerificationResult> results = new ArrayList<>();

    public static ConfigVerificationResult successful(final String step, final String explanation) {
        return result(step, Outcome.SUCCESSFUL, explanation);
    }

    public static ConfigVerificationResult failed(final String step, final String explanation) {
        return result(step, Outcome.FAILED, explanation);
    }

    public static ConfigVerificationResult skipped(final String step, final String reason) {
        return result(step, Outcome.SKIPPED, reason);
    }

    /** Adds a result; true when the step succeeded, so the steps that need it may run. */
    public boolean add(final ConfigVerificationResult result) {
        results.add(result);
        return result.getOutcome() == Outcome.SUCCESSFUL;
    }

    /** Reports each step as skipped for the given reason. */
    public void skip(final String reason, final String... steps) {
        for (final String step : steps) {
            results.add(skipped(step, reason));
        }
    }

    /** Reports each step as skipped because the named earlier step failed. */
    public void skipAfterFailure(final String failedStep, final String... steps) {
        skip("Not run: " + failedStep + " failed", steps);
    }

    public List<ConfigVerificationResult> results() {
        return List.copyOf(results);
    }

    private static ConfigVerificationResult result(final String step, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(step).outcome(outcome).explanation(explanation).build();
    }
}
