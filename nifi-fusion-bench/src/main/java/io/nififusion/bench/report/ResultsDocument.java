package io.nififusion.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code results.json}: the run's settings and machine, then per section its contestants with every round's figures
 * and their min/median/max, the targets checked and the notes.
 */
public final class ResultsDocument {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsDocument() {
    }

    public static void write(final Path file, final Map<String, Object> run, final List<SectionResult> sections) throws IOException {
        final ObjectNode root = JSON.createObjectNode();
        root.set("run", JSON.valueToTree(run));
        final ArrayNode sectionNodes = root.putArray("sections");
        for (final SectionResult section : sections) {
            final ObjectNode sectionNode = sectionNodes.addObject();
            sectionNode.put("name", section.name());
            sectionNode.put("title", section.title());
            sectionNode.put("workload", section.workload());
            final ArrayNode contestants = sectionNode.putArray("contestants");
            for (final Series series : section.series()) {
                final ObjectNode contestant = contestants.addObject();
                contestant.put("name", series.contestant());
                contestant.put("description", series.description());
                contestant.set("rounds", JSON.valueToTree(series.rounds()));
                final ObjectNode summaries = contestant.putObject("summary");
                for (final String figure : series.figureNames()) {
                    summaries.set(figure, summary(series.summary(figure)));
                }
                contestant.set("details", JSON.valueToTree(series.details()));
            }
            final ArrayNode targets = sectionNode.putArray("targets");
            for (final TargetCheck target : section.targets()) {
                final ObjectNode node = targets.addObject();
                node.put("name", target.name());
                node.put("comparison", target.atLeast() ? ">=" : "<=");
                node.put("threshold", target.threshold());
                node.set("value", summary(target.summary()));
                node.put("met", target.met());
                node.put("note", target.note());
            }
            final ArrayNode ratios = sectionNode.putArray("ratios");
            for (final InformationalRatio ratio : section.ratios()) {
                final ObjectNode node = ratios.addObject();
                node.put("name", ratio.name());
                node.set("value", summary(ratio.summary()));
                node.put("note", ratio.note());
            }
            sectionNode.set("notes", JSON.valueToTree(section.notes()));
        }
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), root);
    }

    private static ObjectNode summary(final Summary summary) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("min", summary.min());
        node.put("median", summary.median());
        node.put("max", summary.max());
        node.put("rounds", summary.rounds());
        return node;
    }
}
