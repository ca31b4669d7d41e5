package io.nififusion.bench.section;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.bench.BenchEnvironment;
import io.nififusion.bench.Preset;
import io.nififusion.bench.process.RunRecord;
import io.nififusion.bench.report.InformationalRatio;
import io.nififusion.bench.report.Ratios;
import io.nififusion.bench.report.SectionResult;
import io.nififusion.bench.report.Series;
import io.nififusion.bench.workload.DataSets;
import org.apache.hadoop.fs.Path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restore throughput beside the forward direction, on the bulk data set: ReplicateToADLS ×1 (HDFS → ADLS) as the
 * reference; RestoreToHDFS with one task and four (ADLS → HDFS, at its default Parallel Parts per File and Part Size),
 * fed the records ListADLSForRestore lists for the copy; and the restore's two limits at its concurrency: the raw
 * target read (ranged GETs of the part size to nowhere) and a raw HDFS write of the same sizes from memory. Then the
 * same on the small-file set at a concurrency of four. The copies the restores read are made once, by ReplicateToADLS
 * before the first round, never in a restore's window.
 */
public final class RestoreSection implements Section {
    static final String COPY_ROOT = "t-restore-copy";
    static final String RESTORE_ROOT = "/restore";
    /** The small-file set of this section: files of the small-file section's size, fewer of them (Preset.restoreSmallFiles). */
    static final String SMALL_DATA = "/bench/restore-small";
    static final String SMALL_WARM_UP = "/bench/warm-restore-small";
    /** RestoreToHDFS's defaults, which its contestants run at and the limits are cut by. */
    private static final int PART_MIB = 128;
    private static final int PARALLEL_PARTS = 4;
    static final String ADLS_CPU_PER_MIB = "ADLS CPU ms/MiB";
    static final String HDFS_CPU_PER_MIB = "HDFS CPU ms/MiB";

    @Override
    public String name() {
        return "restore";
    }

    @Override
    public SectionResult run(final BenchEnvironment environment) throws Exception {
        final Preset preset = environment.preset();
        final DataSets data = new DataSets(environment.source().fileSystem());
        data.writeUnlessPresent(BulkSection.DATA, preset.bulkFiles(), (long) preset.bulkMib() * 1024 * 1024, 0);
        data.writeUnlessPresent(BulkSection.WARM_UP, 1, Math.min(64L, preset.bulkMib()) * 1024 * 1024, 0);
        data.writeUnlessPresent(SMALL_DATA, preset.restoreSmallFiles(), preset.smallKib() * 1024L, 20);
        data.writeUnlessPresent(SMALL_WARM_UP, Math.min(40, preset.restoreSmallFiles()), preset.smallKib() * 1024L, 4);
        // the bulk and small-file sections' own ReplicateToADLS JVMs, started as they start them when this section runs first
        environment.startWorkers(environment.sink(), "3g", null, "replicate-1", "replicate-4");
        environment.startWorkers(environment.sink(), "1g", COPY_ROOT, "restore-1", "restore-4", "restore-read", "hdfs-write");

        final SectionResult section = new SectionResult(name(), "7. Restore: " + preset.bulkFiles() + " × " + preset.bulkMib() + " MiB",
                preset.bulkFiles() + " files of " + preset.bulkMib() + " MiB, one directory: forward by ReplicateToADLS ×1 (chunk 8 MiB, 4 appends in "
                        + "flight), back by RestoreToHDFS from the records ListADLSForRestore lists (Part Size " + PART_MIB + " MiB, " + PARALLEL_PARTS
                        + " parallel parts per file, its defaults) below a restore root emptied before each run; the limits at " + PARALLEL_PARTS
                        + " streams, cut at the part size. Then " + preset.restoreSmallFiles() + " files of " + preset.smallKib() + " KiB in 20 directories, "
                        + "forward by ReplicateToADLS ×4, back by RestoreToHDFS ×1 and ×4, the limits 4 files at once. 'ADLS' is the emulator's JVM, "
                        + "'HDFS' the MiniDFSCluster's (NameNode and DataNode).");
        makeCopy(environment, preset);

        final List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender("replicate-1", "ReplicateToADLS ×1", "forward: HDFS → ADLS, one task, as in the bulk section",
                BenchEnvironment.command("replicate").put("sourceDir", BulkSection.DATA).put("tasks", 1).put("chunkMib", 8).put("parallelChunks", 4),
                "t-replicate-1/bulk"));
        contenders.add(new Contender("restore-1", "RestoreToHDFS ×1", "ADLS → HDFS, one task (one file at a time, its parts in parallel)",
                restore(1), null));
        contenders.add(new Contender("restore-4", "RestoreToHDFS ×4", "four tasks (four files at once)", restore(4), null));
        contenders.add(new Contender("restore-read", "raw target read", "restore limit: ranged GETs of " + PART_MIB + " MiB to nowhere, "
                + PARALLEL_PARTS + " at once, through the SDK",
                BenchEnvironment.command("target-read").put("targetDir", COPY_ROOT + "/bulk").put("rangeMib", PART_MIB).put("threads", PARALLEL_PARTS), null));
        contenders.add(new Contender("hdfs-write", "raw HDFS write", "restore limit: the same sizes from memory, one HDFS client, pieces of "
                + PART_MIB + " MiB each its own file, " + PARALLEL_PARTS + " at once, no reads, no concat",
                BenchEnvironment.command("hdfs-write").put("sourceDir", BulkSection.DATA).put("writeRoot", RESTORE_ROOT + "/raw-write")
                        .put("partMib", PART_MIB).put("threads", PARALLEL_PARTS), null));
        CopyContest.run(environment, environment.sink(), section, contenders, RestoreSection::warmUp, RestoreSection::figures);

        final Series forward = section.series("ReplicateToADLS ×1");
        final Series restore1 = section.series("RestoreToHDFS ×1");
        final Series restore4 = section.series("RestoreToHDFS ×4");
        final Series limit = section.add(slowerOf("restore limit", section.series("raw target read"), section.series("raw HDFS write"), Figures.MIB_PER_SECOND));
        final String perRound = "MiB/s, taken round by round";
        section.ratio(new InformationalRatio("RestoreToHDFS ×1 / ReplicateToADLS ×1", Ratios.of(restore1, Figures.MIB_PER_SECOND, forward,
                Figures.MIB_PER_SECOND), perRound));
        section.ratio(new InformationalRatio("RestoreToHDFS ×4 / ReplicateToADLS ×1", Ratios.of(restore4, Figures.MIB_PER_SECOND, forward,
                Figures.MIB_PER_SECOND), perRound));
        section.ratio(new InformationalRatio("RestoreToHDFS ×1 / restore limit", Ratios.of(restore1, Figures.MIB_PER_SECOND, limit,
                Figures.MIB_PER_SECOND), perRound + "; limit = the slower of the raw target read and the raw HDFS write in the round"));
        section.ratio(new InformationalRatio("RestoreToHDFS ×4 / restore limit", Ratios.of(restore4, Figures.MIB_PER_SECOND, limit,
                Figures.MIB_PER_SECOND), perRound + "; the limits run at the concurrency of ×1, so ×4 may exceed 1"));
        section.ratio(new InformationalRatio("RestoreToHDFS ×1 CPU/MiB / ReplicateToADLS ×1's", Ratios.of(restore1, Figures.COPIER_CPU_PER_MIB, forward,
                Figures.COPIER_CPU_PER_MIB), "each copier's own JVM"));
        section.note("ADLS requests per file by kind, last round: RestoreToHDFS ×1 " + SmallFilesSection.lastRoundRequests(restore1, environment)
                + "; ×4 " + SmallFilesSection.lastRoundRequests(restore4, environment) + "; ReplicateToADLS ×1 "
                + SmallFilesSection.lastRoundRequests(forward, environment) + "; raw target read "
                + SmallFilesSection.lastRoundRequests(section.series("raw target read"), environment) + ".");
        section.note("NameNode RPCs by method, last round: RestoreToHDFS ×1 " + lastRoundRpcs(restore1, environment) + "; raw HDFS write "
                + lastRoundRpcs(section.series("raw HDFS write"), environment) + ".");
        smallFiles(environment, section);
        section.note("The target copies the restores read (" + COPY_ROOT + "/bulk and /restore-small) were made once by ReplicateToADLS before the first "
                + "round, outside every window; each restore run lists its copy afresh with ListADLSForRestore before its window opens.");

        environment.stopWorkers("restore-1", "restore-4", "restore-read", "hdfs-write");
        environment.source().fileSystem().delete(new Path(RESTORE_ROOT), true);
        environment.sink().deleteTree(COPY_ROOT);
        return section;
    }

    /** The small-file set: files per second at a concurrency of four, the restore with one task and four. */
    private static void smallFiles(final BenchEnvironment environment, final SectionResult section) throws Exception {
        final String small = SMALL_DATA;
        final List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender("replicate-4", "ReplicateToADLS ×4, small files", "forward: four tasks, as in the small-file section",
                BenchEnvironment.command("replicate").put("sourceDir", small).put("tasks", 4).put("chunkMib", 8).put("parallelChunks", 4),
                "t-replicate-4/restore-small"));
        contenders.add(new Contender("restore-1", "RestoreToHDFS ×1, small files", "one task", restore(small, "/small-x1", 1), null));
        contenders.add(new Contender("restore-4", "RestoreToHDFS ×4, small files", "four tasks", restore(small, "/small-x4", 4), null));
        contenders.add(new Contender("restore-read", "raw target read, small files", "whole files to nowhere, 4 at once",
                BenchEnvironment.command("target-read").put("targetDir", COPY_ROOT + "/restore-small").put("threads", 4), null));
        contenders.add(new Contender("hdfs-write", "raw HDFS write, small files", "the same sizes from memory, 4 files at once",
                BenchEnvironment.command("hdfs-write").put("sourceDir", small).put("writeRoot", RESTORE_ROOT + "/raw-write-small").put("threads", 4), null));
        CopyContest.run(environment, environment.sink(), section, contenders, RestoreSection::warmUp, RestoreSection::fileFigures);

        final Series forward = section.series("ReplicateToADLS ×4, small files");
        final Series restore1 = section.series("RestoreToHDFS ×1, small files");
        final Series restore4 = section.series("RestoreToHDFS ×4, small files");
        final Series limit = section.add(slowerOf("restore limit, small files", section.series("raw target read, small files"),
                section.series("raw HDFS write, small files"), Figures.FILES_PER_SECOND));
        final String perRound = "files/s, taken round by round";
        section.ratio(new InformationalRatio("small files: RestoreToHDFS ×4 / ReplicateToADLS ×4", Ratios.of(restore4, Figures.FILES_PER_SECOND, forward,
                Figures.FILES_PER_SECOND), perRound));
        section.ratio(new InformationalRatio("small files: RestoreToHDFS ×1 / ReplicateToADLS ×4", Ratios.of(restore1, Figures.FILES_PER_SECOND, forward,
                Figures.FILES_PER_SECOND), perRound));
        section.ratio(new InformationalRatio("small files: RestoreToHDFS ×4 / restore limit", Ratios.of(restore4, Figures.FILES_PER_SECOND, limit,
                Figures.FILES_PER_SECOND), perRound + "; limit = the slower of the raw target read and the raw HDFS write, 4 files at once"));
        section.note("Small files, ADLS requests per file by kind, last round: RestoreToHDFS ×4 " + SmallFilesSection.lastRoundRequests(restore4, environment)
                + "; NameNode RPCs by method: " + lastRoundRpcs(restore4, environment) + ".");
    }

    /** The copy the restores read: the bulk set (and its warm-up set) replicated once, by ReplicateToADLS in the target reader's JVM. */
    private static void makeCopy(final BenchEnvironment environment, final Preset preset) throws Exception {
        environment.sink().deleteTree(COPY_ROOT);
        final List<String> sets = preset.warmUp() ? List.of(BulkSection.WARM_UP, BulkSection.DATA, SMALL_WARM_UP, SMALL_DATA)
                : List.of(BulkSection.DATA, SMALL_DATA);
        for (final String set : sets) {
            environment.worker("restore-read").run(0, BenchEnvironment.command("replicate").put("sourceDir", set).put("tasks", 4), environment.runTimeout());
        }
    }

    private static String lastRoundRpcs(final Series series, final BenchEnvironment environment) {
        return String.valueOf(series.details().get("NameNode RPCs, round " + environment.preset().rounds()));
    }

    private static ObjectNode restore(final int tasks) {
        return restore(BulkSection.DATA, "/x" + tasks, tasks);
    }

    private static ObjectNode restore(final String data, final String below, final int tasks) {
        return BenchEnvironment.command("restore").put("sourceDir", data).put("restoreRoot", RESTORE_ROOT + below).put("tasks", tasks);
    }

    /** The same command on the warm-up set of its data set, restoring or writing beside the measured run. */
    private static ObjectNode warmUp(final Contender contender) {
        final ObjectNode warm = contender.command().deepCopy();
        if (contender.worker().startsWith("replicate")) {
            if (!warm.path("sourceDir").asText().equals(SMALL_DATA)) {
                return BulkSection.warmUp(contender);
            }
            warm.put("sourceDir", SMALL_WARM_UP);
            warm.put("cleanDir", "t-" + contender.worker() + SMALL_WARM_UP.substring("/bench".length()));
            return warm;
        }
        final boolean small = warm.path("sourceDir").asText().equals(SMALL_DATA) || warm.path("targetDir").asText().endsWith("/restore-small");
        final String warmData = small ? SMALL_WARM_UP : BulkSection.WARM_UP;
        if (warm.has("sourceDir")) {
            warm.put("sourceDir", warmData);
        }
        if (warm.has("targetDir")) {
            warm.put("targetDir", COPY_ROOT + warmData.substring("/bench".length()));
        }
        for (final String root : List.of("restoreRoot", "writeRoot")) {
            if (warm.has(root)) {
                warm.put(root, warm.path(root).asText() + "-warm-up");
            }
        }
        return warm;
    }

    /**
     * The figures of a run in either direction, named by process rather than by role: ADLS (the emulator) is the sink
     * of the forward copy and the source of the restore.
     */
    static Map<String, Double> figures(final RunRecord run) {
        final Map<String, Double> figures = new LinkedHashMap<>();
        final double mib = run.mebibytes();
        figures.put(Figures.MIB_PER_SECOND, mib / run.wallSeconds());
        figures.put(Figures.COPIER_CPU_PER_MIB, run.cpuSeconds() * 1000 / mib);
        figures.put(HDFS_CPU_PER_MIB, run.sourceCpuSeconds() * 1000 / mib);
        figures.put(ADLS_CPU_PER_MIB, run.sinkCpuSeconds() * 1000 / mib);
        figures.put("ADLS requests/file", run.requestCount() / (double) run.files());
        figures.put("NameNode RPCs/file", run.nameNodeRpcCount() / (double) run.files());
        figures.put(Figures.PEAK_HEAP, run.worker().path("peakHeapMib").asDouble());
        figures.put(Figures.PEAK_HEAP_AFTER_GC, run.worker().path("peakHeapAfterGcMib").asDouble());
        return figures;
    }

    /** Per file, for the small-file set. */
    static Map<String, Double> fileFigures(final RunRecord run) {
        final Map<String, Double> figures = new LinkedHashMap<>();
        final double files = run.files();
        figures.put(Figures.FILES_PER_SECOND, files / run.wallSeconds());
        figures.put(Figures.COPIER_CPU_PER_FILE, run.cpuSeconds() * 1000 / files);
        figures.put("HDFS CPU ms/file", run.sourceCpuSeconds() * 1000 / files);
        figures.put("ADLS CPU ms/file", run.sinkCpuSeconds() * 1000 / files);
        figures.put("ADLS requests/file", run.requestCount() / files);
        figures.put("NameNode RPCs/file", run.nameNodeRpcCount() / files);
        figures.put(Figures.PEAK_HEAP, run.worker().path("peakHeapMib").asDouble());
        return figures;
    }

    /** Per round, the slower of the two limits by {@code figure}: what the restore could reach if it cost nothing itself. */
    static Series slowerOf(final String name, final Series targetRead, final Series hdfsWrite, final String figure) {
        final Series limit = new Series(name, "per round, the slower of the raw target read and the raw HDFS write");
        for (int round = 0; round < Math.min(targetRead.rounds().size(), hdfsWrite.rounds().size()); round++) {
            final boolean readSlower = targetRead.value(round, figure) <= hdfsWrite.value(round, figure);
            limit.addRound((readSlower ? targetRead : hdfsWrite).rounds().get(round));
        }
        return limit;
    }
}
