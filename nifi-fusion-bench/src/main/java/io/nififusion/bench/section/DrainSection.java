package io.nififusion.bench.section;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.bench.BenchEnvironment;
import io.nififusion.bench.Preset;
import io.nififusion.bench.process.RunRecord;
import io.nififusion.bench.report.Ratios;
import io.nififusion.bench.report.SectionResult;
import io.nififusion.bench.report.Series;
import io.nififusion.bench.report.TargetCheck;
import io.nififusion.bench.workload.ChangeBacklog;
import io.nififusion.bench.workload.DataSets;
import io.nififusion.bench.workload.MetadataChanges;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Change-capture drain: a backlog written while no listing ran (creates and closes, appends, renames of files and
 * directories, deletes, chmods, outside the root and excluded) drained by a ListHDFSChanges restarted from its
 * state, beside HDFS's own inotify client reading the same transactions to nowhere. A second listing, started half
 * way through the backlog, drains half of it: its heap beside the full drain's says whether heap grows with backlog.
 * Then ReplicateToADLS applies the records of changes that move no bytes (chmods, renames, deletes, mkdirs) to a
 * tree the target holds.
 */
public final class DrainSection implements Section {
    private static final String LIVE_HEAP = "live heap MiB";
    private static final String METADATA_ROOT = "/bench/metadata";
    private static final int FILES_PER_DIRECTORY = 10;
    private static final int METADATA_TASKS = 4;
    /**
     * Records a run for the measured drains. The harness's session (nifi-mock) costs per record in proportion to the run's
     * records; at 1,000 that is a few percent of the listing's CPU, at the default 10,000 about half (JFR).
     */
    private static final int RECORDS_PER_RUN = 1_000;

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
        final Series full = section.add(new Series("ListHDFSChanges", "restarted from its state at the backlog's start; records counted and dropped; "
                + "Max Records per Trigger " + RECORDS_PER_RUN));
        final Series halfDrain = section.add(new Series("ListHDFSChanges, half backlog", "restarted from its state half way through; Max Records per "
                + "Trigger " + RECORDS_PER_RUN));
        final Series defaultRuns = section.add(new Series("ListHDFSChanges, default runs", "as the first, at the default Max Records per Trigger "
                + "(10000): nifi-mock's session checks each FlowFile against every one already transferred in the run, so its cost per record "
                + "grows with the run's size, which NiFi's own session does not (no target)"));
        final Series metadata = section.add(new Series("ReplicateToADLS, metadata records", "a tree of " + metadataDirectories(preset)
                + " directories × " + FILES_PER_DIRECTORY + " files of 1 KiB migrated by the initial scan; then at the source, per directory, 3 chmods, 3 "
                + "renames and 2 deletes of files and a mkdir, and every fourth directory renamed; the records ListHDFSChanges lists for "
                + "them (COPY left out) applied by ReplicateToADLS with " + METADATA_TASKS + " tasks; no target"));
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

            final RunRecord listingRun = drain(environment, round, "full", RECORDS_PER_RUN);
            full.addRound(listingFigures(listingRun, events));
            full.detail("records by operation", listingRun.worker().path("recordsByOperation"));
            full.detail("NameNode RPCs, round " + round, listingRun.nameNodeRpcs());
            final RunRecord halfRun = drain(environment, round, "half", RECORDS_PER_RUN);
            halfDrain.addRound(listingFigures(halfRun, Double.NaN));
            final RunRecord defaultRun = drain(environment, round, "full", null);
            defaultRuns.addRound(listingFigures(defaultRun, events));
            final RunRecord metadataRun = applyMetadata(environment, round, metadataDirectories(preset));
            metadata.addRound(metadataFigures(metadataRun));
            metadata.detail("requests by kind, round " + round, metadataRun.requests().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().requests(), Long::sum, TreeMap::new)));
            metadata.detail("operations by type, round " + round, metadataRun.worker().path("operationsByType"));
            metadata.detail("outcomes, round " + round, metadataRun.worker().path("outcomes"));
            System.out.printf("  drain round %d: raw %s | listing %s | half %s | default runs %s | metadata %s%n", round, raw.rounds().getLast(),
                    full.rounds().getLast(), halfDrain.rounds().getLast(), defaultRuns.rounds().getLast(), metadata.rounds().getLast());
        }
        section.target(new TargetCheck("ListHDFSChanges events/s", full.summary("events/s"), true, 25_000, "backlog events (raw count) / drain time"));
        section.target(new TargetCheck("ListHDFSChanges / raw inotify drain", Ratios.of(full, "events/s", raw, "events/s"), true, 0.7, "same round"));
        section.target(new TargetCheck("live heap, full backlog / half backlog", Ratios.of(full, LIVE_HEAP, halfDrain, LIVE_HEAP), false, 1.25,
                "heap independent of the backlog: close to 1; the most heap left after a full collection at the end of a run, in an untimed "
                        + "second drain"));
        return section;
    }

    /** Directories of the metadata tree: 20, fewer for a preset with fewer small files. */
    private static int metadataDirectories(final Preset preset) {
        return Math.max(4, Math.min(20, preset.smallFiles() / 15));
    }

    /**
     * A tree made at the source and migrated by the listing's initial scan (see {@code metadata-seed}), the metadata
     * changes made, and their records applied in the window (see {@code metadata-apply}).
     */
    private static RunRecord applyMetadata(final BenchEnvironment environment, final int round, final int directories) throws Exception {
        final String root = METADATA_ROOT + "/round-" + round;
        new DataSets(environment.source().fileSystem()).write(root, directories * FILES_PER_DIRECTORY, 1024, directories);
        final String label = "metadata-" + round;
        environment.worker("listing").run(round, BenchEnvironment.command("metadata-seed").put("label", label).put("roots", root)
                .put("tasks", METADATA_TASKS), environment.runTimeout());
        new MetadataChanges(environment.source().fileSystem()).apply(root);
        return environment.worker("listing").run(round, BenchEnvironment.command("metadata-apply").put("label", label).put("roots", root)
                .put("marker", root + "/" + MetadataChanges.MARKER_NAME).put("tasks", METADATA_TASKS)
                .put("timeoutSeconds", environment.runTimeout().toSeconds() / 2), environment.runTimeout());
    }

    private static Map<String, Double> metadataFigures(final RunRecord run) {
        final double operations = run.worker().path("operations").asDouble();
        final Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("operations/s", operations / run.wallSeconds());
        figures.put("operations", operations);
        figures.put("requests/operation", run.requestCount() / operations);
        figures.put("NameNode RPCs/operation", run.nameNodeRpcCount() / operations);
        figures.put("copier CPU ms/operation", run.cpuSeconds() * 1000 / operations);
        figures.put("sink CPU ms/operation", run.sinkCpuSeconds() * 1000 / operations);
        return figures;
    }

    /** @param recordsPerRun Max Records per Trigger, or null for its default */
    private static RunRecord drain(final BenchEnvironment environment, final int round, final String label, final Integer recordsPerRun)
            throws Exception {
        final ObjectNode command = BenchEnvironment.command("listing-drain").put("label", label).put("roots", ChangeBacklog.ROOT)
                .put("marker", ChangeBacklog.MARKER).put("timeoutSeconds", environment.runTimeout().toSeconds() / 2);
        if (recordsPerRun != null) {
            command.put("maxRecordsPerTrigger", recordsPerRun);
        } else {
            // its heap is not compared
            command.put("probeHeap", false);
        }
        return environment.worker("listing").run(round, command, environment.runTimeout());
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
        if (run.worker().has("liveHeapMib")) {
            figures.put(LIVE_HEAP, run.worker().path("liveHeapMib").asDouble());
        }
        return figures;
    }

    static long currentTransaction(final BenchEnvironment environment) throws IOException {
        return ((DistributedFileSystem) environment.source().fileSystem()).getClient().getNamenode().getCurrentEditLogTxid();
    }
}
