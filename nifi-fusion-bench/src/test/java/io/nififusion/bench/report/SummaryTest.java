package io.nififusion.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    @Test
    void minMedianMaxOfOddAndEvenRounds() {
        assertEquals(new Summary(1, 2, 9, 3), Summary.of(List.of(9.0, 1.0, 2.0)));
        assertEquals(new Summary(1, 2.5, 4, 4), Summary.of(List.of(4.0, 1.0, 3.0, 2.0)));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of()));
    }

    @Test
    void ratiosAreTakenRoundByRoundThenSummarised() {
        final Series copier = new Series("copier", "");
        final Series sink = new Series("sink", "");
        copier.addRound(Map.of("MiB/s", 90.0));
        copier.addRound(Map.of("MiB/s", 50.0));
        copier.addRound(Map.of("MiB/s", 100.0));
        sink.addRound(Map.of("MiB/s", 100.0));
        sink.addRound(Map.of("MiB/s", 100.0));
        sink.addRound(Map.of("MiB/s", 200.0));
        // 0.9, 0.5, 0.5: the median ratio is not the ratio of the medians (100 / 100)
        assertEquals(new Summary(0.5, 0.5, 0.9, 3), Ratios.of(copier, "MiB/s", sink, "MiB/s"));
        assertEquals(new Summary(0.25, 0.25, 0.45, 3), Ratios.of(copier, "MiB/s", sink, "MiB/s", 0.5));
    }

    @Test
    void aTargetIsMetOnItsMedian() {
        final Summary summary = new Summary(0.5, 0.95, 1.2, 3);
        assertTrue(new TargetCheck("ratio", summary, true, 0.9, "").met());
        assertFalse(new TargetCheck("ratio", summary, false, 0.9, "").met());
        assertTrue(new TargetCheck("bytes read", new Summary(0, 0, 0, 3), false, 0, "").met());
    }

    @Test
    void theTableShowsMedianWithRangeAndWhetherEachTargetIsMet() {
        final SectionResult section = new SectionResult("bulk", "1. Bulk", "what ran");
        final Series series = section.add(new Series("ReplicateToADLS ×1", "one task"));
        series.addRound(Map.of("MiB/s", 120.0));
        series.addRound(Map.of("MiB/s", 100.0));
        series.addRound(Map.of("MiB/s", 140.0));
        section.target(new TargetCheck("ratio", new Summary(0.8, 0.85, 0.9, 3), true, 0.9, ""));
        final String table = ResultsTable.render(Map.of("preset", "small"), List.of(section));
        assertTrue(table.contains("| ReplicateToADLS ×1 | 120 (100–140) |"), table);
        assertTrue(table.contains("| ratio ≥ 0.90 | 0.85 (0.80–0.90) | **not met** |"), table);
        assertTrue(table.contains("0 of 1 met."), table);
    }

    @Test
    void aRatioWithoutTargetIsPrintedButNeverCountedAsATarget() {
        final SectionResult section = new SectionResult("restore", "7. Restore", "what ran");
        final Series series = section.add(new Series("RestoreToHDFS ×1", "one task"));
        series.addRound(Map.of("MiB/s", 50.0));
        section.ratio(new InformationalRatio("RestoreToHDFS ×1 / ReplicateToADLS ×1", new Summary(0.4, 0.5, 0.6, 3), "round by round"));
        final String table = ResultsTable.render(Map.of("preset", "small"), List.of(section));
        assertTrue(table.contains("| ratio (no target) | value |"), table);
        assertTrue(table.contains("| RestoreToHDFS ×1 / ReplicateToADLS ×1 | 0.50 (0.40–0.60) |"), table);
        assertTrue(table.contains("0 of 0 met."), table);
    }
}
