package io.nififusion.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The readable form of the results: per section a Markdown table of medians with min–max, then the targets. */
public final class ResultsTable {

    private ResultsTable() {
    }

    public static String render(final Map<String, Object> run, final List<SectionResult> sections) {
        final StringBuilder out = new StringBuilder();
        out.append("# nifi-fusion benchmarks\n\n");
        run.forEach((key, value) -> out.append("- ").append(key).append(": ").append(value).append('\n'));
        out.append("\nEach cell: median (min–max) over the rounds; CPU is the contestant's own JVM unless named otherwise.\n");
        final List<TargetCheck> allTargets = new ArrayList<>();
        for (final SectionResult section : sections) {
            out.append("\n## ").append(section.title()).append("\n\n").append(section.workload()).append("\n\n");
            for (final List<Series> group : groups(section.series())) {
                table(out, group);
            }
            if (!section.targets().isEmpty()) {
                out.append("\n| target | value | met |\n|---|---|---|\n");
                for (final TargetCheck target : section.targets()) {
                    out.append("| ").append(target.name()).append(' ').append(target.atLeast() ? "≥ " : "≤ ").append(number(target.threshold()))
                            .append(" | ").append(cell(target.summary())).append(" | ").append(target.met() ? "met" : "**not met**").append(" |\n");
                    allTargets.add(target);
                }
            }
            if (!section.ratios().isEmpty()) {
                out.append("\n| ratio (no target) | value |\n|---|---|\n");
                for (final InformationalRatio ratio : section.ratios()) {
                    out.append("| ").append(ratio.name()).append(" | ").append(cell(ratio.summary())).append(" |\n");
                }
            }
            for (final String note : section.notes()) {
                out.append("\n- ").append(note);
            }
            if (!section.notes().isEmpty()) {
                out.append('\n');
            }
        }
        out.append("\n## Targets\n\n").append(allTargets.stream().filter(TargetCheck::met).count()).append(" of ").append(allTargets.size())
                .append(" met.\n");
        return out.toString();
    }

    /** Consecutive contestants with the same figures share a table (a section may measure two kinds of thing). */
    private static List<List<Series>> groups(final List<Series> series) {
        final List<List<Series>> groups = new ArrayList<>();
        for (final Series one : series) {
            if (groups.isEmpty() || !groups.getLast().getFirst().figureNames().equals(one.figureNames())) {
                groups.add(new ArrayList<>());
            }
            groups.getLast().add(one);
        }
        return groups;
    }

    private static void table(final StringBuilder out, final List<Series> group) {
        final List<String> figures = new ArrayList<>(group.getFirst().figureNames());
        out.append("| contestant |");
        figures.forEach(figure -> out.append(' ').append(figure).append(" |"));
        out.append("\n|---|");
        figures.forEach(figure -> out.append("---|"));
        out.append('\n');
        for (final Series series : group) {
            out.append("| ").append(series.contestant()).append(" |");
            for (final String figure : figures) {
                final List<Double> values = series.values(figure);
                out.append(' ').append(values.isEmpty() ? "" : cell(Summary.of(values))).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    static String cell(final Summary summary) {
        return number(summary.median()) + " (" + number(summary.min()) + "–" + number(summary.max()) + ")";
    }

    static String number(final double value) {
        final double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
