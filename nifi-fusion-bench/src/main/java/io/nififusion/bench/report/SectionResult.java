package io.nififusion.bench.report;

import java.util.ArrayList;
import java.util.List;

/** One section of the suite: what was measured, the contestants' figures, the ratios and targets derived from them, notes. */
public final class SectionResult {
    private final String name;
    private final String title;
    private final String workload;
    private final List<Series> series = new ArrayList<>();
    private final List<TargetCheck> targets = new ArrayList<>();
    private final List<InformationalRatio> ratios = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public SectionResult(final String name, final String title, final String workload) {
        this.name = name;
        this.title = title;
        this.workload = workload;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public String workload() {
        return workload;
    }

    public Series add(final Series contestant) {
        series.add(contestant);
        return contestant;
    }

    public List<Series> series() {
        return series;
    }

    public Series series(final String contestant) {
        return series.stream().filter(candidate -> candidate.contestant().equals(contestant)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No contestant " + contestant + " in " + name));
    }

    public void target(final TargetCheck target) {
        targets.add(target);
    }

    public List<TargetCheck> targets() {
        return targets;
    }

    /** A ratio printed for reading, with no target. */
    public void ratio(final InformationalRatio ratio) {
        ratios.add(ratio);
    }

    public List<InformationalRatio> ratios() {
        return ratios;
    }

    public void note(final String note) {
        notes.add(note);
    }

    public List<String> notes() {
        return notes;
    }
}
