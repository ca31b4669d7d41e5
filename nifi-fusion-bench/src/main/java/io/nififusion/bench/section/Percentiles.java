package io.nififusion.bench.section;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a sample. */
final class Percentiles {
    private final List<Double> sorted;

    Percentiles(final List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values");
        }
        sorted = new ArrayList<>(values);
        Collections.sort(sorted);
    }

    /** @param percent 0–100 */
    double at(final double percent) {
        final int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double max() {
        return sorted.getLast();
    }
}
