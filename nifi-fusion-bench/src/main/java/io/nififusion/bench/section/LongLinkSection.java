package io.nififusion.bench.section;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.bench.BenchEnvironment;
import io.nififusion.bench.Preset;
import io.nififusion.bench.process.SinkEmulator;
import io.nififusion.bench.report.Ratios;
import io.nififusion.bench.report.SectionResult;
import io.nififusion.bench.report.Series;
import io.nififusion.bench.report.Summary;
import io.nififusion.bench.report.TargetCheck;
import io.nififusion.bench.workload.DataSets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One big file over a long link: a second standalone emulator adds a latency to every request and caps each
 * connection's bandwidth. ReplicateToADLS with one chunk in flight and at its default parallelism, and DistCp through
 * ABFS; the copier's heap must stay within chunk size × parallelism, and the last round is deep-verified.
 */
public final class LongLinkSection implements Section {
    static final String DATA = "/bench/big";
    private static final int CHUNK_MIB = 8;
    private static final int DEFAULT_PARALLEL_CHUNKS = 4;

    @Override
    public String name() {
        return "long-link";
    }

    @Override
    public SectionResult run(final BenchEnvironment environment) throws Exception {
        final Preset preset = environment.preset();
        final DataSets data = new DataSets(environment.source().fileSystem());
        data.write(DATA, 1, (long) preset.bigFileMib() * 1024 * 1024, 0);
        if (!environment.source().fileSystem().exists(new org.apache.hadoop.fs.Path(BulkSection.WARM_UP))) {
            data.write(BulkSection.WARM_UP, 1, Math.min(64L, preset.bulkMib()) * 1024 * 1024, 0);
        }
        final SinkEmulator link = environment.closeLater(SinkEmulator.start("sink-long-link", environment.workDirectory(), preset.linkLatencyMillis(),
                preset.linkBandwidthMib()));
        environment.startWorkers(link, "1g", null, "link-replicate-p1", "link-replicate-default", "link-distcp");
        final SectionResult section = new SectionResult(name(), "5. One big file over a long link",
                "One file of " + preset.bigFileMib() + " MiB; the sink adds " + preset.linkLatencyMillis() + " ms to every request and caps every connection at "
                        + preset.linkBandwidthMib() + " MiB/s; chunk " + CHUNK_MIB + " MiB; copier JVMs have -Xmx1g.");
        final List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender("link-replicate-p1", "ReplicateToADLS, 1 chunk in flight", "Parallel Chunks per File 1",
                BenchEnvironment.command("replicate").put("sourceDir", DATA).put("tasks", 1).put("chunkMib", CHUNK_MIB).put("parallelChunks", 1),
                "t-link-replicate-p1/big"));
        contenders.add(new Contender("link-replicate-default", "ReplicateToADLS, default parallelism", "Parallel Chunks per File left at its default ("
                + DEFAULT_PARALLEL_CHUNKS + ")", BenchEnvironment.command("replicate").put("sourceDir", DATA).put("tasks", 1).put("chunkMib", CHUNK_MIB),
                "t-link-replicate-default/big"));
        contenders.add(new Contender("link-distcp", "DistCp", "through ABFS (its default 8 MiB buffer and concurrency), local job runner, 1 map",
                BenchEnvironment.command("distcp").put("sourceDir", DATA).put("targetDir", "t-link-distcp/big").put("maps", 1), "t-link-distcp/big"));
        final int rounds = preset.rounds();
        CopyContest.run(environment, link, section, contenders, contender -> warmUp(contender), run -> {
            final Map<String, Double> figures = Figures.bytes(run);
            figures.put(Figures.PEAK_HEAP_AFTER_GC, run.worker().path("peakHeapAfterGcMib").asDouble());
            figures.put("heap above baseline after GC MiB", run.worker().path("peakHeapAfterGcMib").asDouble() - run.worker().path("baselineHeapAfterGcMib").asDouble());
            if (run.worker().has("deepVerified")) {
                figures.put("deep verified files", run.worker().path("deepVerified").asDouble());
            }
            return figures;
        }, (contender, round) -> round == rounds && contender.worker().startsWith("link-replicate")
                ? contender.command().deepCopy().put("deepVerify", true) : contender.command());

        final Series p1 = section.series("ReplicateToADLS, 1 chunk in flight");
        final Series parallel = section.series("ReplicateToADLS, default parallelism");
        final Series distcp = section.series("DistCp");
        section.target(new TargetCheck("default parallelism / 1 chunk in flight", Ratios.of(parallel, Figures.MIB_PER_SECOND, p1, Figures.MIB_PER_SECOND),
                true, 4, "the link's per-connection cap bounds one chunk in flight"));
        section.target(new TargetCheck("default parallelism / DistCp", Ratios.of(parallel, Figures.MIB_PER_SECOND, distcp, Figures.MIB_PER_SECOND), true, 4,
                "same link, same file"));
        final Summary heap = parallel.summary("heap above baseline after GC MiB");
        section.target(new TargetCheck("default parallelism: heap above baseline after GC MiB", heap, false, CHUNK_MIB * DEFAULT_PARALLEL_CHUNKS,
                "chunk size × parallelism = " + CHUNK_MIB * DEFAULT_PARALLEL_CHUNKS + " MiB"));
        section.note("Deep verification (VerifyChecksum reading the target back, CRC32C against the source's COMPOSITE_CRC) ran after the last round of "
                + "each ReplicateToADLS contestant, outside its window; a failure would have stopped the suite.");
        return section;
    }

    private static ObjectNode warmUp(final Contender contender) {
        final ObjectNode warm = contender.command().deepCopy();
        warm.put("sourceDir", BulkSection.WARM_UP);
        if (warm.has("targetDir")) {
            warm.put("targetDir", warm.path("targetDir").asText() + "-warm-up");
        } else {
            warm.put("cleanDir", "t-" + contender.worker() + "/warm-bulk");
        }
        return warm;
    }

}
