package io.nififusion.bench.section;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.bench.BenchEnvironment;
import io.nififusion.bench.process.RunRecord;
import io.nififusion.bench.process.SinkEmulator;
import io.nififusion.bench.report.SectionResult;
import io.nififusion.bench.report.Series;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs contenders in interleaved rounds (round 1: every contender once, then round 2, ...), after unmeasured warm-up
 * runs each on a smaller data set, so each JVM has compiled its paths before it is measured. Each run starts on an
 * empty target directory.
 */
final class CopyContest {

    private CopyContest() {
    }

    /**
     * @param warmUp the command of a contender's warm-up run (its source and target directories swapped for the warm-up set)
     * @param figures the figures of one run
     */
    static void run(final BenchEnvironment environment, final SinkEmulator sink, final SectionResult section, final List<Contender> contenders,
                    final Function<Contender, ObjectNode> warmUp, final Function<RunRecord, Map<String, Double>> figures) throws IOException {
        run(environment, sink, section, contenders, warmUp, 1, figures, (contender, round) -> contender.command());
    }

    /** @param warmUpRuns warm-up runs per contender */
    static void run(final BenchEnvironment environment, final SinkEmulator sink, final SectionResult section, final List<Contender> contenders,
                    final Function<Contender, ObjectNode> warmUp, final int warmUpRuns, final Function<RunRecord, Map<String, Double>> figures)
            throws IOException {
        run(environment, sink, section, contenders, warmUp, warmUpRuns, figures, (contender, round) -> contender.command());
    }

    /** @param commands the command of a contender's run in a round (e.g. with a check added to the last round) */
    static void run(final BenchEnvironment environment, final SinkEmulator sink, final SectionResult section, final List<Contender> contenders,
                    final Function<Contender, ObjectNode> warmUp, final Function<RunRecord, Map<String, Double>> figures,
                    final BiFunction<Contender, Integer, ObjectNode> commands) throws IOException {
        run(environment, sink, section, contenders, warmUp, 1, figures, commands);
    }

    private static void run(final BenchEnvironment environment, final SinkEmulator sink, final SectionResult section, final List<Contender> contenders,
                            final Function<Contender, ObjectNode> warmUp, final int warmUpRuns, final Function<RunRecord, Map<String, Double>> figures,
                            final BiFunction<Contender, Integer, ObjectNode> commands) throws IOException {
        final List<Series> series = new ArrayList<>();
        for (final Contender contender : contenders) {
            series.add(section.add(new Series(contender.label(), contender.description())));
            final ObjectNode warm = environment.preset().warmUp() ? warmUp.apply(contender) : null;
            for (int warmUpRun = 0; warm != null && warmUpRun < warmUpRuns; warmUpRun++) {
                // a contender that writes nothing at the target (a reader) keeps what it reads
                if (contender.targetDirectory() != null) {
                    clean(sink, warm.path("targetDir").asText(null));
                    clean(sink, warm.path("cleanDir").asText(null));
                }
                environment.worker(contender.worker()).run(0, warm, environment.runTimeout());
            }
        }
        for (int round = 1; round <= environment.preset().rounds(); round++) {
            for (int index = 0; index < contenders.size(); index++) {
                final Contender contender = contenders.get(index);
                clean(sink, contender.targetDirectory());
                final RunRecord run = environment.worker(contender.worker()).run(round, commands.apply(contender, round), environment.runTimeout());
                series.get(index).addRound(figures.apply(run));
                series.get(index).detail("requests per file by kind, round " + round, Figures.requestsPerFile(run));
                series.get(index).detail("NameNode RPCs, round " + round, run.nameNodeRpcs());
                System.out.printf("  %s %s round %d: %s%n", java.time.LocalTime.now().withNano(0), contender.label(), round, series.get(index).rounds().getLast());
            }
        }
    }

    private static void clean(final SinkEmulator sink, final String directory) {
        if (directory != null && !directory.isEmpty()) {
            sink.deleteTree(directory);
        }
    }
}
