package io.nififusion.processors.torture;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * New file and directory names for the workload: names with spaces, '%', '#', '+', a literal "%20" and non-ASCII
 * letters, because each of those has broken path encoding somewhere between HDFS, a URL and ADLS. A counter makes every
 * name unique within the run, so a "new" name never lands on an existing path by accident.
 */
final class NameGenerator {
    private static final List<String> STEMS = List.of("part", "a b", "100%", "#hash", "c++", "日本語", "café", "x+y", "sp ace%20", "Ünïcödé",
            "data", "e#1+2 %");
    private static final List<String> EXTENSIONS = List.of(".csv", ".txt", ".bin", ".parquet", "", ".json");

    private final Set<String> generated = new HashSet<>();
    private int counter;

    String fileName(final Random random) {
        return remember(STEMS.get(random.nextInt(STEMS.size())) + "-" + ++counter + EXTENSIONS.get(random.nextInt(EXTENSIONS.size())));
    }

    String directoryName(final Random random) {
        return remember(STEMS.get(random.nextInt(STEMS.size())) + " dir-" + ++counter);
    }

    /** A plain ASCII name with a prefix, for names that must look like a given kind (app-3, job-7, backlog-9). */
    String plainName(final String prefix) {
        return remember(prefix + "-" + ++counter);
    }

    /** Whether this generator made the name: then it names one inode's history in the logs, wherever it was moved. */
    boolean isGenerated(final String name) {
        return generated.contains(name);
    }

    private String remember(final String name) {
        generated.add(name);
        return name;
    }
}
