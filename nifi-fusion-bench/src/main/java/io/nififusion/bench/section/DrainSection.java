package io.nififusion.bench.section;

import io.nififusion.bench.BenchEnvironment;
import io.nififusion.bench.Preset;
import io.nififusion.bench.process.RunRecord;
import io.nififusion.bench.report.Ratios;
import io.nififusion.bench.report.SectionResult;
import io.nififusion.bench.report.Series;
import io.nififusion.bench.report.TargetCheck;
import io.nififusion.bench.workload.ChangeBacklog;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Change-capture drain: a backlog written while no listing ran (creates and closes, appends, renames of files and
 * directories, deletes, chmods, outside the root and excluded) drained by a ListHDFSChanges restarted from its
 * state, beside HDFS's own inotify client reading the same transactions to nowhere. A second listing, started half
 * way through the backlog, drains half of it: its heap beside the full drain's says whether heap grows with backlog.
 */
public final class DrainSection implements Section {
    private static final String LIVE_HEAP = "live heap MiB";

    @Override
    public String name() {
        return "drain";
    }

    @Override
    public SectionResult run(final BenchEnvironment environment) throws Exception {
        final Preset preset = environment.preset();
        environment.startWorkers(environment.sink(), "1g", null, "listing", "inotify");
        final ChangeBacklog backlog = new ChangeBacklog(environment.source().fileSystem());
        backlog.prepare();
        final String roots = ChangeBacklog.ROOT;
        environment.worker("listing").run(0, BenchEnvironment.command("listing-prepare").put("label", "full").put("roots", roots), environment.runTimeout());
        final long fromTransaction = currentTransaction(environment);
        final long writeStart = System.nanoTime();
        final int half = preset.backlogFiles() / 2;
        backlog.generate(0, half, 5, 0);
        environment.worker("listing").run(0, BenchEnvironment.command("listing-prepare").put("label", "half").put("roots", roots), environment.runTimeout());
        backlog.generate(half, preset.backlogFiles(), 5, 5);
        backlog.writeMarker();
        final double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        final long transactions = currentTransaction(environment) - fromTransaction;

        final SectionResult section = new SectionResult(name(), "4. Change-capture drain",
                String.format(Locale.ROOT, "Backlog of %,d transactions written in %.0f s (%,d files created over 100 directories of %s, with appends, chmods, "
                        + "file and directory renames, deletes, creates outside the root and under _temporary, put-style renames); "
                        + "NameNode with dfs.namenode.inotify.max.events.per.rpc = 100000, one edit segment.", transactions, writeSeconds,
                        preset.backlogFiles(), roots));
        final Series raw = section.add(new Series("raw inotify", "HdfsAdmin.getInotifyEventStream from the same txid, to nowhere"));
        final Series full = section.add(new Series("ListHDFSChanges", "restarted from its state at the backlog's start; records counted and dropped"));
        final Series halfDrain = section.add(new Series("ListHDFSChanges, half backlog", "restarted from its state half way through"));
        for (int round = 1; round <= preset.rounds(); round++) {
            final RunRecord rawRun = environment.worker("inotify").run(round, BenchEnvironment.command("inotify-drain").put("fromTxid", fromTransaction)
                    .put("marker", ChangeBacklog.MARKER), environment.runTimeout());
            final double events = rawRun.worker().path("events").asDouble();
            final Map<String, Double> rawFigures = new LinkedHashMap<>();
            rawFigures.put("events/s", events / rawRun.wallSeconds());
            rawFigures.put("events", events);
            rawFigures.put("NameNode RPCs", (double) rawRun.nameNodeRpcCount());
            rawFigures.put("CPU s", rawRun.cpuSeconds());
            rawFigures.put(Figures.PEAK_HEAP_AFTER_GC, rawRun.worker().path("peakHeapAfterGcMib").asDouble());
            raw.addRound(rawFigures);
            raw.detail("events by type", rawRun.worker().path("eventsByType"));

            final RunRecord listingRun = drain(environment, round, "full");
            full.addRound(listingFigures(listingRun, events));
            full.detail("records by operation", listingRun.worker().path("recordsByOperation"));
            full.detail("NameNode RPCs, round " + round, listingRun.nameNodeRpcs());
            final RunRecord halfRun = drain(environment, round, "half");
            halfDrain.addRound(listingFigures(halfRun, Double.NaN));
            System.out.printf("  drain round %d: raw %s | listing %s | half %s%n", round, raw.rounds().getLast(), full.rounds().getLast(),
                    halfDrain.rounds().getLast());
        }
        section.target(new TargetCheck("ListHDFSChanges events/s", full.summary("events/s"), true, 25_000, "backlog events (raw count) / drain time"));
        section.target(new TargetCheck("ListHDFSChanges / raw inotify drain", Ratios.of(full, "events/s", raw, "events/s"), true, 0.7, "same round"));
        section.target(new TargetCheck("live heap, full backlog / half backlog", Ratios.of(full, LIVE_HEAP, halfDrain, LIVE_HEAP), false, 1.25,
                "heap independent of the backlog: close to 1; the most heap left after a full collection at the end of a run, in an untimed "
                        + "second drain"));
        return section;
    }

    private static RunRecord drain(final BenchEnvironment environment, final int round, final String label) throws Exception {
        return environment.worker("listing").run(round, BenchEnvironment.command("listing-drain").put("label", label).put("roots", ChangeBacklog.ROOT)
                .put("marker", ChangeBacklog.MARKER).put("timeoutSeconds", environment.runTimeout().toSeconds() / 2), environment.runTimeout());
    }

    private static Map<String, Double> listingFigures(final RunRecord run, final double events) {
        final Map<String, Double> figures = new LinkedHashMap<>();
        final double records = run.worker().path("records").asDouble();
        if (!Double.isNaN(events)) {
            figures.put("events/s", events / run.wallSeconds());
            figures.put("coalescing (events/record)", events / records);
        }
        figures.put("records/s", records / run.wallSeconds());
        figures.put("records", records);
        figures.put("NameNode RPCs", (double) run.nameNodeRpcCount());
        figures.put("CPU s", run.cpuSeconds());
        figures.put(Figures.PEAK_HEAP_AFTER_GC, run.worker().path("peakHeapAfterGcMib").asDouble());
        figures.put(Figures.PEAK_HEAP, run.worker().path("peakHeapMib").asDouble());
        figures.put(LIVE_HEAP, run.worker().path("liveHeapMib").asDouble());
        return figures;
    }

    static long currentTransaction(final BenchEnvironment environment) throws IOException {
        return ((DistributedFileSystem) environment.source().fileSystem()).getClient().getNamenode().getCurrentEditLogTxid();
    }
}
