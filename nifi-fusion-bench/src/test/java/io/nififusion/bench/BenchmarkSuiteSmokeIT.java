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
 * One run of the harness at the tiny size, the bulk section only (every kind of contestant JVM: raw read, SDK, ABFS,
 * DistCp, ReplicateToADLS ×1 and ×4, against a standalone source and sink): the results file is well-formed and every
 * contestant produced every figure of its round. Figures themselves are not asserted: they mean nothing at this size.
 */
class BenchmarkSuiteSmokeIT {

    @TempDir
    Path work;

    @Test
    void theBulkSectionAtTinySizeWritesAFigureForEveryContestant() throws Exception {
        final Path output = work.resolve("out");
        new BenchmarkSuite(Preset.TINY, output, work.resolve("work"), Set.of("bulk")).run();

        final JsonNode results = new ObjectMapper().readTree(output.resolve("results.json").toFile());
        assertEquals("tiny", results.path("run").path("preset").asText());
        final JsonNode sections = results.path("sections");
        assertEquals(1, sections.size(), "one section run");
        final JsonNode bulk = sections.get(0);
        assertEquals("bulk", bulk.path("name").asText());
        final List<String> contestants = new ArrayList<>();
        for (final JsonNode contestant : bulk.path("contestants")) {
            contestants.add(contestant.path("name").asText());
            assertEquals(1, contestant.path("rounds").size(), contestant.path("name").asText());
            final JsonNode round = contestant.path("rounds").get(0);
            for (final String figure : List.of("MiB/s", "copier CPU ms/MiB", "sink CPU ms/MiB", "requests/file", "peak heap MiB")) {
                assertTrue(round.path(figure).isNumber(), contestant.path("name").asText() + " has no " + figure + ": " + round);
                assertTrue(Double.isFinite(round.path(figure).asDouble()), contestant.path("name").asText() + " " + figure);
                assertTrue(contestant.path("summary").path(figure).path("median").isNumber(), contestant.path("name").asText() + " summary of " + figure);
            }
            assertTrue(round.path("MiB/s").asDouble() > 0, contestant.path("name").asText() + " moved nothing");
        }
        assertEquals(List.of("raw HDFS read", "Azure SDK upload", "ABFS write", "DistCp", "ReplicateToADLS ×1", "ReplicateToADLS ×4", "sink limit"),
                contestants);
        assertEquals(6, bulk.path("targets").size());
        for (final JsonNode target : bulk.path("targets")) {
            assertTrue(target.path("value").path("median").isNumber(), target.path("name").asText());
            assertTrue(target.path("met").isBoolean(), target.path("name").asText());
        }
        final String table = Files.readString(output.resolve("results.md"));
        assertTrue(table.contains("| ReplicateToADLS ×4 |"), table);
        assertFalse(table.contains("(failed)"), table);
    }
}
