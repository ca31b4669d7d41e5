package io.nififusion.bench;

import io.nififusion.bench.process.SinkEmulator;
import io.nififusion.bench.process.SourceCluster;
import io.nififusion.bench.report.ResultsDocument;
import io.nififusion.bench.report.ResultsTable;
import io.nififusion.bench.report.SectionResult;
import io.nififusion.bench.section.BulkSection;
import io.nififusion.bench.section.ChangeLatencySection;
import io.nififusion.bench.section.DrainSection;
import io.nififusion.bench.section.LongLinkSection;
import io.nififusion.bench.section.RestoreSection;
import io.nififusion.bench.section.ScanAndVerifySection;
import io.nififusion.bench.section.Section;
import io.nififusion.bench.section.SmallFilesSection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The suite: starts the standalone source and sink, runs the chosen sections in order (a failed section is reported
 * and the rest still run), and writes {@code results.json} and {@code results.md}.
 */
public final class BenchmarkSuite {
    /** NameNode settings of the source, as a live migration's operations guide asks for. */
    static final Map<String, String> SOURCE_SETTINGS = Map.of("dfs.namenode.inotify.max.events.per.rpc", "100000");

    private final Preset preset;
    private final Path output;
    private final Path workDirectory;
    private final Set<String> sectionNames;

    public BenchmarkSuite(final Preset preset, final Path output, final Path workDirectory, final Set<String> sectionNames) {
        this.preset = preset;
        this.output = output;
        this.workDirectory = workDirectory;
        this.sectionNames = sectionNames;
    }

    public static List<Section> allSections() {
        return List.of(new BulkSection(), new RestoreSection(), new SmallFilesSection(), new ChangeLatencySection(), new DrainSection(), new ScanAndVerifySection(),
                new LongLinkSection());
    }

    /** All sections in their usual order, or the named ones in the order named. */
    List<Section> chosenSections() {
        if (sectionNames.isEmpty()) {
            return allSections();
        }
        final List<Section> chosen = new ArrayList<>();
        for (final String name : sectionNames) {
            chosen.add(allSections().stream().filter(section -> section.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown section '" + name + "'")));
        }
        return chosen;
    }

    /** @return the sections' results (also written to the output directory) */
    public List<SectionResult> run() throws IOException {
        final Instant started = Instant.now();
        final Map<String, Object> run = new LinkedHashMap<>();
        run.put("preset", preset.name());
        run.put("rounds", preset.rounds());
        run.put("started", started.toString());
        run.put("cpus", Runtime.getRuntime().availableProcessors());
        run.put("java", System.getProperty("java.version"));
        run.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        run.put("load average at start", loadAverage());
        run.put("source", "MiniDFSCluster in its own JVM, 1 NameNode + 1 DataNode, " + SOURCE_SETTINGS);
        run.put("sink", "ADLS Gen2 emulator in its own JVM (AdlsEmulatorMain --console), loopback");
        final List<SectionResult> results = new ArrayList<>();
        Files.createDirectories(workDirectory);
        try (SourceCluster source = SourceCluster.start(workDirectory, SOURCE_SETTINGS);
             SinkEmulator sink = SinkEmulator.start("sink", workDirectory, 0, 0);
             BenchEnvironment environment = new BenchEnvironment(preset, workDirectory, source, sink)) {
            for (final Section section : chosenSections()) {
                System.out.printf("== %s (%s)%n", section.name(), Instant.now());
                final long sectionStart = System.nanoTime();
                try {
                    final SectionResult result = section.run(environment);
                    result.note(String.format("Section took %.0f s.", (System.nanoTime() - sectionStart) / 1e9));
                    results.add(result);
                } catch (final Exception e) {
                    e.printStackTrace();
                    final SectionResult failed = new SectionResult(section.name(), section.name() + " (failed)", "The section failed: " + e);
                    results.add(failed);
                }
                write(run, results, started);
            }
        }
        write(run, results, started);
        return results;
    }

    private void write(final Map<String, Object> run, final List<SectionResult> results, final Instant started) throws IOException {
        run.put("duration s", Duration.between(started, Instant.now()).toSeconds());
        run.put("load average now", loadAverage());
        ResultsDocument.write(output.resolve("results.json"), run, results);
        Files.writeString(output.resolve("results.md"), ResultsTable.render(run, results), StandardCharsets.UTF_8);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (final IOException e) {
            return "unknown";
        }
    }
}
