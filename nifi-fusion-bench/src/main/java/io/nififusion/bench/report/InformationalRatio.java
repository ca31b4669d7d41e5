package io.nififusion.bench.report;

/**
 * A ratio reported for reading, with no target to meet: summarised over the rounds like a target's value, never
 * counted as met or not met.
 *
 * @param name what is compared, e.g. {@code RestoreToHDFS ×1 MiB/s / ReplicateToADLS ×1 MiB/s}
 * @param summary the ratio over the rounds, taken round by round
 * @param note how it is measured
 */
public record InformationalRatio(String name, Summary summary, String note) {
}
