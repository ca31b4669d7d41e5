package io.nififusion.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of one contestant in one section, one map per round (figure name → value), with what the contestant is.
 * Figure names carry their unit, e.g. {@code MiB/s}, {@code copier CPU ms/MiB}.
 */
public final class Series {
    private final String contestant;
    private final String description;
    private final List<Map<String, Double>> rounds = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    public Series(final String contestant, final String description) {
        this.contestant = contestant;
        this.description = description;
    }

    public String contestant() {
        return contestant;
    }

    public String description() {
        return description;
    }

    public void addRound(final Map<String, Double> figures) {
        rounds.add(new LinkedHashMap<>(figures));
    }

    /** Something about the runs that is not a number per round (e.g. requests per kind of the last round). */
    public void detail(final String name, final Object value) {
        details.put(name, value);
    }

    public List<Map<String, Double>> rounds() {
        return rounds;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Set<String> figureNames() {
        final Set<String> names = new LinkedHashSet<>();
        rounds.forEach(round -> names.addAll(round.keySet()));
        return names;
    }

    public List<Double> values(final String figure) {
        final List<Double> values = new ArrayList<>();
        for (final Map<String, Double> round : rounds) {
            final Double value = round.get(figure);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    public Summary summary(final String figure) {
        return Summary.of(values(figure));
    }

    public Double value(final int round, final String figure) {
        return round < rounds.size() ? rounds.get(round).get(figure) : null;
    }
}
