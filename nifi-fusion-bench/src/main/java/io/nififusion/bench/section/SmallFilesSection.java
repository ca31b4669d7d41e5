package io.nififusion.bench.section;

import io.nififusion.bench.BenchEnvironment;
import io.nififusion.bench.Preset;
import io.nififusion.bench.report.Ratios;
import io.nififusion.bench.report.SectionResult;
import io.nififusion.bench.report.Series;
import io.nififusion.bench.report.TargetCheck;
import io.nififusion.bench.workload.DataSets;

import java.util.ArrayList;
import java.util.List;

/**
 * Many small files: files per second, CPU per file of each process, and the requests each contestant sends per file
 * (from the sink's tally), the same contestants as the bulk section at a concurrency of four where they have one.
 */
public final class SmallFilesSection implements Section {
    static final String DATA = "/bench/small";
    static final String WARM_UP = "/bench/warm-small";
    private static final int WARM_UP_RUNS = 4;
    private static final int CONCURRENCY = 4;

    @Override
    public String name() {
        return "small-files";
    }

    @Override
    public SectionResult run(final BenchEnvironment environment) throws Exception {
        final Preset preset = environment.preset();
        final DataSets data = new DataSets(environment.source().fileSystem());
        final long size = preset.smallKib() * 1024L;
        data.writeUnlessPresent(DATA, preset.smallFiles(), size, 20);
        data.writeUnlessPresent(WARM_UP, Math.min(200, preset.smallFiles()), size, 4);
        environment.startWorkers(environment.sink(), "3g", null, "raw-read", "sdk", "abfs", "distcp", "replicate-1", "replicate-4");

        final SectionResult section = new SectionResult(name(), "2. Small files: " + preset.smallFiles() + " × " + preset.smallKib() + " KiB",
                preset.smallFiles() + " files of " + preset.smallKib() + " KiB in 20 directories; " + CONCURRENCY
                        + " files at once for the readers and uploaders, DistCp with one map, ReplicateToADLS with one task and four.");
        final List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender("raw-read", "raw HDFS read ×4", "source limit: 4 readers",
                BenchEnvironment.command("raw-read").put("sourceDir", DATA).put("threads", CONCURRENCY), null));
        contenders.add(new Contender("sdk", "Azure SDK upload ×4", "sink limit: create, append with MD5, flush; 4 files at once",
                BenchEnvironment.command("sdk-upload").put("sourceDir", DATA).put("targetDir", "t-sdk/small").put("chunkMib", 8).put("inFlight", 1)
                        .put("threads", CONCURRENCY), "t-sdk/small"));
        contenders.add(new Contender("abfs", "ABFS write ×4", "sink limit: create, write, close; 4 files at once",
                BenchEnvironment.command("abfs-write").put("sourceDir", DATA).put("targetDir", "t-abfs/small").put("inFlight", 4)
                        .put("threads", CONCURRENCY), "t-abfs/small"));
        contenders.add(new Contender("distcp", "DistCp", "through ABFS, local job runner, 1 map",
                BenchEnvironment.command("distcp").put("sourceDir", DATA).put("targetDir", "t-distcp/small").put("maps", 1), "t-distcp/small"));
        contenders.add(new Contender("replicate-1", "ReplicateToADLS ×1", "one task",
                BenchEnvironment.command("replicate").put("sourceDir", DATA).put("tasks", 1).put("chunkMib", 8).put("parallelChunks", 4),
                "t-replicate-1/small"));
        contenders.add(new Contender("replicate-4", "ReplicateToADLS ×4", "four tasks",
                BenchEnvironment.command("replicate").put("sourceDir", DATA).put("tasks", CONCURRENCY).put("chunkMib", 8).put("parallelChunks", 4),
                "t-replicate-4/small"));
        // a small file exercises every code path of a contender in milliseconds: one warm-up set left the JIT compilers
        // busy through the measured rounds (their time per file was of the order of the copier's CPU per file)
        CopyContest.run(environment, environment.sink(), section, contenders, BulkSection::warmUp, WARM_UP_RUNS, Figures::files);

        final Series sdk = section.series("Azure SDK upload ×4");
        final Series abfs = section.series("ABFS write ×4");
        final Series distcp = section.series("DistCp");
        final Series replicate4 = section.series("ReplicateToADLS ×4");
        final Series replicate1 = section.series("ReplicateToADLS ×1");
        final Series sinkLimit = section.add(BulkSection.sinkLimit(sdk, abfs, Figures.FILES_PER_SECOND));
        section.target(new TargetCheck("ReplicateToADLS ×4 files/s / sink limit ×4", Ratios.of(replicate4, Figures.FILES_PER_SECOND, sinkLimit,
                Figures.FILES_PER_SECOND), true, 0.9, "equal concurrency (4); sink limit = the faster of SDK and ABFS in the round"));
        section.target(new TargetCheck("ReplicateToADLS ×4 CPU/file / ABFS's", Ratios.of(replicate4, Figures.COPIER_CPU_PER_FILE, abfs,
                Figures.COPIER_CPU_PER_FILE), false, 1.5, "each JVM's own CPU per file"));
        section.target(new TargetCheck("ReplicateToADLS files/s per task / DistCp per map", Ratios.of(replicate1, Figures.FILES_PER_SECOND, distcp,
                Figures.FILES_PER_SECOND), true, 4.0, "one task against one map"));
        section.note("Requests per file, last round: ReplicateToADLS " + lastRoundRequests(replicate4, environment) + "; SDK upload "
                + lastRoundRequests(sdk, environment) + "; ABFS " + lastRoundRequests(abfs, environment) + "; DistCp " + lastRoundRequests(distcp, environment) + ".");
        return section;
    }

    static String lastRoundRequests(final Series series, final BenchEnvironment environment) {
        final Object requests = series.details().get("requests per file by kind, round " + environment.preset().rounds());
        return String.valueOf(requests);
    }
}
