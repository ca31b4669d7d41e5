package io.nififusion.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run of the restore section at the tiny size against a standalone source and sink: ReplicateToADLS ×1 forward,
 * RestoreToHDFS ×1 and ×4 back from the records ListADLSForRestore lists (each run checked by the worker: every record
 * restored with the recorded CRC32C, every file at HDFS with its size), the raw target read and the raw HDFS write, on
 * the bulk set and on the small-file set.
 * Every contestant writes every figure of its round, the informational ratios are there; figures are not asserted.
 */
class RestoreSectionSmokeIT {
    private static final List<String> BULK_FIGURES = List.of("MiB/s", "copier CPU ms/MiB", "HDFS CPU ms/MiB", "ADLS CPU ms/MiB", "ADLS requests/file",
            "NameNode RPCs/file", "peak heap MiB", "peak heap after GC MiB");
    private static final List<String> SMALL_FILE_FIGURES = List.of("files/s", "copier CPU ms/file", "HDFS CPU ms/file", "ADLS CPU ms/file",
            "ADLS requests/file", "NameNode RPCs/file", "peak heap MiB");

    @TempDir
    Path work;

    @Test
    void theRestoreSectionAtTinySizeWritesAFigureForEveryContestantAndItsRatios() throws Exception {
        final Path output = work.resolve("out");
        new BenchmarkSuite(Preset.TINY, output, work.resolve("work"), Set.of("restore")).run();

        final JsonNode results = new ObjectMapper().readTree(output.resolve("results.json").toFile());
        final JsonNode sections = results.path("sections");
        assertEquals(1, sections.size(), "one section run");
        final JsonNode restore = sections.get(0);
        assertEquals("restore", restore.path("name").asText(), restore.path("title").asText() + ": " + restore.path("workload").asText());
        final List<String> contestants = new ArrayList<>();
        for (final JsonNode contestant : restore.path("contestants")) {
            final String name = contestant.path("name").asText();
            contestants.add(name);
            assertEquals(1, contestant.path("rounds").size(), name);
            final JsonNode round = contestant.path("rounds").get(0);
            final boolean smallFiles = name.endsWith("small files");
            for (final String figure : smallFiles ? SMALL_FILE_FIGURES : BULK_FIGURES) {
                assertTrue(round.path(figure).isNumber(), name + " has no " + figure + ": " + round);
                assertTrue(Double.isFinite(round.path(figure).asDouble()), name + " " + figure);
                assertTrue(contestant.path("summary").path(figure).path("median").isNumber(), name + " summary of " + figure);
            }
            assertTrue(round.path(smallFiles ? "files/s" : "MiB/s").asDouble() > 0, name + " moved nothing");
        }
        assertEquals(List.of("ReplicateToADLS ×1", "RestoreToHDFS ×1", "RestoreToHDFS ×4", "raw target read", "raw HDFS write", "restore limit",
                "ReplicateToADLS ×4, small files", "RestoreToHDFS ×1, small files", "RestoreToHDFS ×4, small files", "raw target read, small files",
                "raw HDFS write, small files", "restore limit, small files"), contestants);
        final List<String> ratios = new ArrayList<>();
        for (final JsonNode ratio : restore.path("ratios")) {
            ratios.add(ratio.path("name").asText());
            assertTrue(ratio.path("value").path("median").isNumber(), ratio.path("name").asText());
        }
        assertTrue(ratios.containsAll(List.of("RestoreToHDFS ×1 / ReplicateToADLS ×1", "RestoreToHDFS ×4 / ReplicateToADLS ×1",
                "RestoreToHDFS ×1 / restore limit", "small files: RestoreToHDFS ×4 / ReplicateToADLS ×4", "small files: RestoreToHDFS ×4 / restore limit")),
                ratios.toString());
        assertEquals(0, restore.path("targets").size(), "the restore has no targets, only ratios to read");
        final String table = Files.readString(output.resolve("results.md"));
        assertTrue(table.contains("| RestoreToHDFS ×4 |"), table);
        assertTrue(table.contains("| ratio (no target) | value |"), table);
        assertFalse(table.contains("(failed)"), table);
        System.out.println(table);
    }
}
