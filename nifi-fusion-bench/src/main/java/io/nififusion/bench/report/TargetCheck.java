package io.nififusion.bench.report;

/**
 * A target of the benchmark brief checked on this run's figures: a ratio (or a value) summarised over the rounds,
 * compared on its median with the threshold.
 *
 * @param name what is compared, e.g. {@code bulk: ReplicateToADLS ×1 / sink limit}
 * @param summary the ratio or value over the rounds
 * @param atLeast true for "≥ threshold", false for "≤ threshold"
 * @param threshold the target
 * @param note what limits it, or how it is measured
 */
public record TargetCheck(String name, Summary summary, boolean atLeast, double threshold, String note) {

    public boolean met() {
        return atLeast ? summary.median() >= threshold : summary.median() <= threshold;
    }
}
