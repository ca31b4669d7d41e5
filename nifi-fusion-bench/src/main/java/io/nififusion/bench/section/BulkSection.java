package io.nififusion.bench.section;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.bench.BenchEnvironment;
import io.nififusion.bench.Preset;
import io.nififusion.bench.report.Ratios;
import io.nififusion.bench.report.SectionResult;
import io.nififusion.bench.report.Series;
import io.nififusion.bench.report.Summary;
import io.nififusion.bench.report.TargetCheck;
import io.nififusion.bench.workload.DataSets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bulk copy of a few large files: the source limit (raw read), two sink limits (the SDK's and ABFS's own uploads from
 * memory, same chunk size, same appends in flight), DistCp through ABFS, and ReplicateToADLS with one task and four.
 */
public final class BulkSection implements Section {
    static final String DATA = "/bench/bulk";
    static final String WARM_UP = "/bench/warm-bulk";
    private static final int CHUNK_MIB = 8;
    private static final int IN_FLIGHT = 4;

    @Override
    public String name() {
        return "bulk";
    }

    @Override
    public SectionResult run(final BenchEnvironment environment) throws Exception {
        final Preset preset = environment.preset();
        final DataSets data = new DataSets(environment.source().fileSystem());
        data.write(DATA, preset.bulkFiles(), (long) preset.bulkMib() * 1024 * 1024, 0);
        data.write(WARM_UP, 1, Math.min(64L, preset.bulkMib()) * 1024 * 1024, 0);
        environment.startWorkers(environment.sink(), inMemoryHeap(preset), null, "sdk", "abfs");
        environment.startWorkers(environment.sink(), "3g", null, "raw-read", "distcp", "replicate-1", "replicate-4");

        final SectionResult section = new SectionResult(name(), "1. Bulk: " + preset.bulkFiles() + " × " + preset.bulkMib() + " MiB",
                preset.bulkFiles() + " files of " + preset.bulkMib() + " MiB in one directory, page cache warm; chunk " + CHUNK_MIB + " MiB, "
                        + IN_FLIGHT + " appends in flight per file for every uploader; one file at a time unless said otherwise.");
        final List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender("raw-read", "raw HDFS read", "source limit: sequential read to nowhere, one reader",
                BenchEnvironment.command("raw-read").put("sourceDir", DATA).put("threads", 1), null));
        contenders.add(new Contender("sdk", "Azure SDK upload", "sink limit: DataLake SDK from memory, MD5 per append, one flush",
                BenchEnvironment.command("sdk-upload").put("sourceDir", DATA).put("targetDir", "t-sdk/bulk").put("chunkMib", CHUNK_MIB)
                        .put("inFlight", IN_FLIGHT).put("threads", 1), "t-sdk/bulk"));
        contenders.add(new Contender("abfs", "ABFS write", "sink limit: Hadoop ABFS driver from memory",
                BenchEnvironment.command("abfs-write").put("sourceDir", DATA).put("targetDir", "t-abfs/bulk").put("inFlight", IN_FLIGHT)
                        .put("threads", 1), "t-abfs/bulk"));
        contenders.add(new Contender("distcp", "DistCp", "DistCp through ABFS, local job runner, 1 map",
                BenchEnvironment.command("distcp").put("sourceDir", DATA).put("targetDir", "t-distcp/bulk").put("maps", 1).put("inFlight", IN_FLIGHT),
                "t-distcp/bulk"));
        contenders.add(new Contender("replicate-1", "ReplicateToADLS ×1", "one task, nifi-mock runner with the real services",
                replicate(1), "t-replicate-1/bulk"));
        contenders.add(new Contender("replicate-4", "ReplicateToADLS ×4", "four tasks (four files at once)",
                replicate(4), "t-replicate-4/bulk"));
        CopyContest.run(environment, environment.sink(), section, contenders, contender -> warmUp(contender), Figures::bytes);

        final Series raw = section.series("raw HDFS read");
        final Series sdk = section.series("Azure SDK upload");
        final Series abfs = section.series("ABFS write");
        final Series distcp = section.series("DistCp");
        final Series sinkLimit = sinkLimit(sdk, abfs, Figures.MIB_PER_SECOND);
        section.add(sinkLimit);
        for (final String copier : List.of("ReplicateToADLS ×1", "ReplicateToADLS ×4")) {
            final Series replicate = section.series(copier);
            section.target(new TargetCheck(copier + " MiB/s / sink limit", Ratios.of(replicate, Figures.MIB_PER_SECOND, sinkLimit, Figures.MIB_PER_SECOND),
                    true, 0.9, "sink limit = the faster of SDK and ABFS uploads in the same round"));
            section.target(new TargetCheck(copier + " CPU/MiB / SDK upload's", Ratios.of(replicate, Figures.COPIER_CPU_PER_MIB, sdk, Figures.COPIER_CPU_PER_MIB),
                    false, 1.2, "each JVM's own CPU; the copier also reads HDFS and digests in order"));
            section.target(new TargetCheck(copier + " MiB/s / DistCp", Ratios.of(replicate, Figures.MIB_PER_SECOND, distcp, Figures.MIB_PER_SECOND),
                    true, 1.5, "DistCp with one map"));
        }
        final Summary sourceShare = Ratios.of(section.series("ReplicateToADLS ×1"), Figures.MIB_PER_SECOND, raw, Figures.MIB_PER_SECOND);
        section.note(String.format(Locale.ROOT, "ReplicateToADLS ×1 reaches %.2f (median) of the raw HDFS read; the sink, not the source, bounds every uploader here.",
                sourceShare.median()));
        return section;
    }

    /**
     * The in-memory uploaders hold the whole data set before their window opens: its size and 2 GiB besides, at least
     * the 3 GiB of the others. Every worker collects its garbage after a run, so the one that ran last gives back
     * what its data set took before the other fills its own.
     */
    static String inMemoryHeap(final Preset preset) {
        final long dataSetMib = (long) preset.bulkFiles() * preset.bulkMib();
        return Math.max(3072, dataSetMib + 2048) + "m";
    }

    private static ObjectNode replicate(final int tasks) {
        return BenchEnvironment.command("replicate").put("sourceDir", DATA).put("tasks", tasks).put("chunkMib", CHUNK_MIB).put("parallelChunks", IN_FLIGHT);
    }

    /** The same command on the warm-up set, writing beside the measured target. */
    static ObjectNode warmUp(final Contender contender) {
        final ObjectNode warm = contender.command().deepCopy();
        final String data = warm.path("sourceDir").asText();
        final String warmData = data.equals(DATA) ? WARM_UP : SmallFilesSection.WARM_UP;
        warm.put("sourceDir", warmData);
        if (warm.has("targetDir")) {
            warm.put("targetDir", warm.path("targetDir").asText() + "-warm-up");
        }
        if (contender.worker().startsWith("replicate")) {
            warm.put("cleanDir", "t-" + contender.worker() + warmData.substring("/bench".length()));
        }
        return warm;
    }

    /** Per round, the faster of the two sink references. */
    static Series sinkLimit(final Series sdk, final Series abfs, final String figure) {
        final Series limit = new Series("sink limit", "per round, the faster of the SDK's and ABFS's own uploads");
        for (int round = 0; round < Math.min(sdk.rounds().size(), abfs.rounds().size()); round++) {
            final boolean sdkFaster = sdk.value(round, figure) >= abfs.value(round, figure);
            limit.addRound((sdkFaster ? sdk : abfs).rounds().get(round));
        }
        return limit;
    }
}
