package io.nififusion.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Minimum, median and maximum of one figure over the rounds. */
public record Summary(double min, double median, double max, int rounds) {

    public static Summary of(final List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values to summarise");
        }
        final List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        final int size = sorted.size();
        final double median = size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
        return new Summary(sorted.getFirst(), median, sorted.getLast(), size);
    }
}
