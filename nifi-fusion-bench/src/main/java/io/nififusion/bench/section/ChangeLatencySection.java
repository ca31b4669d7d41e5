package io.nififusion.bench.section;

import com.fasterxml.jackson.databind.JsonNode;
import io.nififusion.bench.BenchEnvironment;
import io.nififusion.bench.Preset;
import io.nififusion.bench.process.RunRecord;
import io.nififusion.bench.report.SectionResult;
import io.nififusion.bench.report.Series;
import io.nififusion.bench.report.TargetCheck;
import io.nififusion.bench.workload.SteadyCloser;
import org.apache.hadoop.fs.Path;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Change latency: production closes small files at a fixed rate; ListHDFSChanges (inotify) hands the records to
 * ReplicateToADLS in the pipeline's JVM; the latency of a file is from its close() at the source to its commit at
 * its final target path.
 */
public final class ChangeLatencySection implements Section {
    private static final String ROOT = "/bench/latency";
    /** ReplicateToADLS's Concurrent Tasks in the shipped live-migration flow. */
    private static final int TASKS = 8;

    @Override
    public String name() {
        return "change-latency";
    }

    @Override
    public SectionResult run(final BenchEnvironment environment) throws Exception {
        final Preset preset = environment.preset();
        final int files = preset.closesPerSecond() * preset.latencySeconds();
        environment.startWorkers(environment.sink(), "1g", null, "pipeline");
        final SectionResult section = new SectionResult(name(), "3. Change latency: " + preset.closesPerSecond() + " closes/s",
                files + " files of 1 KiB created and closed at " + preset.closesPerSecond() + "/s per round (" + preset.latencySeconds()
                        + " s); ListHDFSChanges (inotify, Poll Timeout 1 sec, Run Schedule 0 sec as shipped) → ReplicateToADLS (" + TASKS
                        + " tasks) in one JVM; latency = close() at the source → commit at the final target path.");
        final Series series = section.add(new Series("ListHDFSChanges → ReplicateToADLS", "inotify tail, " + TASKS + " replication tasks"));
        final SteadyCloser closer = new SteadyCloser(environment.source().fileSystem(), Clock.systemUTC());
        if (preset.warmUp()) {
            // as long as a round: after 2 s of closes the first round still ran cold (p50 3.9 s against 0.4-0.6 s in the next two)
            measure(environment, closer, 0, ROOT + "/warm-up", preset.closesPerSecond(), files);
        }
        for (int round = 1; round <= preset.rounds(); round++) {
            final Map<String, Double> figures = measure(environment, closer, round, ROOT + "/round-" + round, preset.closesPerSecond(), files);
            series.addRound(figures);
            System.out.printf("  latency round %d: %s%n", round, figures);
        }
        section.target(new TargetCheck("change latency p50 ms", series.summary("p50 ms"), false, 1000, "close() → visible at the target"));
        section.target(new TargetCheck("change latency p99 ms", series.summary("p99 ms"), false, 3000, "close() → visible at the target"));
        return section;
    }

    private static Map<String, Double> measure(final BenchEnvironment environment, final SteadyCloser closer, final int round, final String directory,
                                               final int rate, final int files) throws Exception {
        environment.source().fileSystem().mkdirs(new Path(directory));
        final Map<String, Long> closedAt = new LinkedHashMap<>();
        final long[] writing = new long[2];
        final RunRecord run = environment.worker("pipeline").run(round, BenchEnvironment.command("change-pipeline").put("root", directory)
                .put("expected", files).put("tasks", TASKS).put("pollTimeout", "1 sec").put("timeoutSeconds", 600), environment.runTimeout(), () -> {
                    writing[0] = System.nanoTime();
                    closedAt.putAll(closer.write(directory, rate, files));
                    writing[1] = System.nanoTime();
                });
        final JsonNode visible = run.worker().path("visibleAtMicros");
        final List<Double> latencies = new ArrayList<>();
        for (final Map.Entry<String, Long> closed : closedAt.entrySet()) {
            final JsonNode at = visible.get(closed.getKey());
            if (at == null) {
                throw new IllegalStateException("No commit recorded for " + closed.getKey());
            }
            latencies.add((at.asLong() - closed.getValue()) / 1000.0);
        }
        final Percentiles percentiles = new Percentiles(latencies);
        final Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("p50 ms", percentiles.at(50));
        figures.put("p99 ms", percentiles.at(99));
        figures.put("max ms", percentiles.max());
        figures.put("closes/s achieved", files / ((writing[1] - writing[0]) / 1e9));
        figures.put("pipeline CPU ms/file", run.cpuSeconds() * 1000 / files);
        figures.put("sink requests/file", run.requestCount() / (double) files);
        figures.put("records", run.worker().path("records").asDouble());
        return figures;
    }
}
