package io.nififusion.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Ratios of two contestants' figures taken round by round (the rounds are interleaved, so a round's two runs saw the
 * same machine load), then summarised.
 */
public final class Ratios {

    private Ratios() {
    }

    public static Summary of(final Series numerator, final String numeratorFigure, final Series denominator, final String denominatorFigure) {
        return of(numerator, numeratorFigure, denominator, denominatorFigure, 1.0);
    }

    /** @param scale multiplies every ratio (e.g. 1 / workers, for a figure per worker) */
    public static Summary of(final Series numerator, final String numeratorFigure, final Series denominator, final String denominatorFigure,
                             final double scale) {
        final List<Double> ratios = new ArrayList<>();
        final int rounds = Math.min(numerator.rounds().size(), denominator.rounds().size());
        for (int round = 0; round < rounds; round++) {
            final Double top = numerator.value(round, numeratorFigure);
            final Double bottom = denominator.value(round, denominatorFigure);
            if (top != null && bottom != null && bottom != 0) {
                ratios.add(top / bottom * scale);
            }
        }
        return Summary.of(ratios);
    }
}
