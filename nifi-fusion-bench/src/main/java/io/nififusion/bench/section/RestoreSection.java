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
 * target read (ranged GETs of the part size to nowhere) and a raw HDFS write of the same sizes from memory. The copy
 * the restores read is made once, by ReplicateToADLS before the first round, never in a restore's window.
 */
public final class RestoreSection implements Section {
    static final String COPY_ROOT = "t-restore-copy";
    static final String RESTORE_ROOT = "/restore";
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
        environment.startWorkers(environment.sink(), "1g", null, "replicate-1");
        environment.startWorkers(environment.sink(), "1g", COPY_ROOT, "restore-1", "restore-4", "restore-read", "hdfs-write");

        final SectionResult section = new SectionResult(name(), "7. Restore: " + preset.bulkFiles() + " × " + preset.bulkMib() + " MiB",
                preset.bulkFiles() + " files of " + preset.bulkMib() + " MiB, one directory: forward by ReplicateToADLS ×1 (chunk 8 MiB, 4 appends in "
                        + "flight), back by RestoreToHDFS from the records ListADLSForRestore lists (Part Size " + PART_MIB + " MiB, " + PARALLEL_PARTS
                        + " parallel parts per file, its defaults) below a restore root emptied before each run; the limits at " + PARALLEL_PARTS
                        + " streams, cut at the part size. 'ADLS' is the emulator's JVM, 'HDFS' the MiniDFSCluster's (NameNode and DataNode).");
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
        final Series limit = section.add(slowerOf(section.series("raw target read"), section.series("raw HDFS write")));
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
        section.note("The target copy the restores read (" + COPY_ROOT + "/bulk) was made once by ReplicateToADLS before the first round, outside "
                + "every window; each restore run lists it afresh with ListADLSForRestore before its window opens.");

        environment.stopWorkers("restore-1", "restore-4", "restore-read", "hdfs-write");
        environment.source().fileSystem().delete(new Path(RESTORE_ROOT), true);
        return section;
    }

    /** The copy the restores read: the bulk set (and its warm-up set) replicated once, by ReplicateToADLS in the target reader's JVM. */
    private static void makeCopy(final BenchEnvironment environment, final Preset preset) throws Exception {
        environment.sink().deleteTree(COPY_ROOT);
        final List<String> sets = preset.warmUp() ? List.of(BulkSection.WARM_UP, BulkSection.DATA) : List.of(BulkSection.DATA);
        for (final String set : sets) {
            environment.worker("restore-read").run(0, BenchEnvironment.command("replicate").put("sourceDir", set).put("tasks", 1), environment.runTimeout());
        }
    }

    private static ObjectNode restore(final int tasks) {
        return BenchEnvironment.command("restore").put("sourceDir", BulkSection.DATA).put("restoreRoot", RESTORE_ROOT + "/x" + tasks).put("tasks", tasks);
    }

    /** The same command on the warm-up set, restoring or writing beside the measured run. */
    private static ObjectNode warmUp(final Contender contender) {
        if (contender.worker().startsWith("replicate")) {
            return BulkSection.warmUp(contender);
        }
        final ObjectNode warm = contender.command().deepCopy();
        if (warm.has("sourceDir")) {
            warm.put("sourceDir", BulkSection.WARM_UP);
        }
        if (warm.has("targetDir")) {
            warm.put("targetDir", COPY_ROOT + BulkSection.WARM_UP.substring("/bench".length()));
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

    /** Per round, the slower of the two limits: what the restore could reach if it cost nothing itself. */
    static Series slowerOf(final Series targetRead, final Series hdfsWrite) {
        final Series limit = new Series("restore limit", "per round, the slower of the raw target read and the raw HDFS write");
        for (int round = 0; round < Math.min(targetRead.rounds().size(), hdfsWrite.rounds().size()); round++) {
            final boolean readSlower = targetRead.value(round, Figures.MIB_PER_SECOND) <= hdfsWrite.value(round, Figures.MIB_PER_SECOND);
            limit.addRound((readSlower ? targetRead : hdfsWrite).rounds().get(round));
        }
        return limit;
    }
}
