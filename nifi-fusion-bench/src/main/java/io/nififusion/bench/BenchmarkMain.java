package io.nififusion.bench;

import io.nififusion.bench.report.SectionResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code BenchmarkMain [--preset small|full|tiny] [--rounds N] [--sections bulk,small-files,...] [--out DIR] [--work DIR]}:
 * runs the suite (see docs/benchmarks.md) and prints the table; exits 1 if a section failed.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(final String[] args) throws Exception {
        Preset preset = Preset.SMALL;
        Path output = Path.of("target", "bench");
        Path work = null;
        final Set<String> sections = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            final String option = args[i];
            if ("--help".equals(option)) {
                System.out.println("Options: --preset small|full|tiny (small) --rounds N --sections " + String.join(",",
                        BenchmarkSuite.allSections().stream().map(section -> section.name()).toList()) + " --out DIR (target/bench) --work DIR");
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + option);
            }
            final String value = args[++i];
            switch (option) {
                case "--preset" -> preset = Preset.named(value);
                case "--rounds" -> preset = preset.withRounds(Integer.parseInt(value));
                case "--sections" -> sections.addAll(List.of(value.split(",")));
                case "--out" -> output = Path.of(value);
                case "--work" -> work = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + option + " (try --help)");
            }
        }
        final Path workDirectory = work == null ? Files.createTempDirectory("nifi-fusion-bench") : work;
        final List<SectionResult> results = new BenchmarkSuite(preset, output, workDirectory, sections).run();
        System.out.println(Files.readString(output.resolve("results.md"), StandardCharsets.UTF_8));
        System.out.println("Written: " + output.resolve("results.json").toAbsolutePath() + " and results.md; logs in " + workDirectory);
        System.exit(results.stream().anyMatch(result -> result.title().endsWith("(failed)")) ? 1 : 0);
    }
}
