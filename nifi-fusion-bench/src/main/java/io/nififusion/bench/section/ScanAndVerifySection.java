package io.nififusion.bench.section;

import io.nififusion.bench.BenchEnvironment;
import io.nififusion.bench.Preset;
import io.nififusion.bench.process.RunRecord;
import io.nififusion.bench.report.Ratios;
import io.nififusion.bench.report.SectionResult;
import io.nififusion.bench.report.Series;
import io.nififusion.bench.report.Summary;
import io.nififusion.bench.report.TargetCheck;
import io.nififusion.bench.workload.ChangeBacklog;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scan and verify: ListHDFSChanges's initial scan of the drain's namespace (entries/s, heap, NameNode RPCs), then
 * VerifyChecksum's tree audits of what ReplicateToADLS ×4 copied in the bulk and small-file sections, quick and deep,
 * beside reading the same target tree raw through the SDK. A quick audit must read no file bytes.
 */
public final class ScanAndVerifySection implements Section {
    private static final String AUDITED_ROOT = "t-replicate-4";

    @Override
    public String name() {
        return "scan-verify";
    }

    @Override
    public SectionResult run(final BenchEnvironment environment) throws Exception {
        final Preset preset = environment.preset();
        if (!environment.source().fileSystem().exists(new Path(ChangeBacklog.MARKER))) {
            final ChangeBacklog backlog = new ChangeBacklog(environment.source().fileSystem());
            backlog.prepare();
            backlog.generate(0, preset.backlogFiles(), 10, 0);
            backlog.writeMarker();
        }
        environment.startWorkers(environment.sink(), "1g", null, "listing");
        environment.startWorkers(environment.sink(), "1g", AUDITED_ROOT, "verify", "target-read");
        final SectionResult section = new SectionResult(name(), "6. Scan and verify",
                "Initial scan (scan only, Max Records per Trigger 10000) of " + ChangeBacklog.ROOT + "; tree audits (4 threads, no rate limit) of "
                        + AUDITED_ROOT + " as ReplicateToADLS ×4 left it: the small files and the bulk files.");
        final Series scan = section.add(new Series("ListHDFSChanges scan", "initial scan, records counted and dropped"));
        final List<Audit> audits = new ArrayList<>();
        final boolean copied = environment.sink().exists(AUDITED_ROOT);
        if (copied) {
            for (final String tree : List.of(SmallFilesSection.DATA, BulkSection.DATA)) {
                if (environment.sink().exists(AUDITED_ROOT + tree.substring("/bench".length()))) {
                    audits.add(new Audit(section.add(new Series("quick audit " + tree, "VerifyChecksum tree, quick")), "audit", tree, "quick"));
                    audits.add(new Audit(section.add(new Series("deep audit " + tree, "VerifyChecksum tree, deep")), "audit", tree, "deep"));
                    audits.add(new Audit(section.add(new Series("raw target read " + tree, "SDK reads every target file, 4 at once")), "target-read", tree, null));
                }
            }
        } else {
            section.note("No ReplicateToADLS ×4 target to audit: run the bulk and small-file sections first.");
        }
        // unmeasured: the verifier's and the reader's JVMs compile their paths on the small files first
        for (final Audit audit : audits) {
            if (preset.warmUp() && audit.tree().equals(SmallFilesSection.DATA)) {
                run(environment, audit, 0);
            }
        }
        for (int round = 1; round <= preset.rounds(); round++) {
            final RunRecord scanRun = environment.worker("listing").run(round, BenchEnvironment.command("scan").put("roots", ChangeBacklog.ROOT),
                    environment.runTimeout());
            final Map<String, Double> figures = new LinkedHashMap<>();
            final double records = scanRun.worker().path("records").asDouble();
            figures.put("entries/s", records / scanRun.wallSeconds());
            figures.put("entries", records);
            figures.put(Figures.PEAK_HEAP_AFTER_GC, scanRun.worker().path("peakHeapAfterGcMib").asDouble());
            figures.put(Figures.PEAK_HEAP, scanRun.worker().path("peakHeapMib").asDouble());
            figures.put("NameNode RPCs per 1000 entries", scanRun.nameNodeRpcCount() * 1000.0 / records);
            figures.put("CPU s", scanRun.cpuSeconds());
            scan.addRound(figures);
            scan.detail("NameNode RPCs, round " + round, scanRun.nameNodeRpcs());
            for (final Audit audit : audits) {
                final RunRecord run = run(environment, audit, round);
                final Map<String, Double> auditFigures = new LinkedHashMap<>();
                auditFigures.put(Figures.FILES_PER_SECOND, run.files() / run.wallSeconds());
                auditFigures.put("target bytes read MiB", run.bytesSent("GET read") / (1024.0 * 1024.0));
                auditFigures.put("target MiB/s read", run.bytesSent("GET read") / (1024.0 * 1024.0) / run.wallSeconds());
                auditFigures.put("GET read requests", (double) run.requestCount("GET read"));
                auditFigures.put("requests/file", run.requestCount() / (double) run.files());
                auditFigures.put(Figures.COPIER_CPU_PER_FILE, run.cpuSeconds() * 1000 / run.files());
                auditFigures.put("NameNode RPCs/file", run.nameNodeRpcCount() / (double) run.files());
                audit.series().addRound(auditFigures);
                audit.series().detail("requests per file by kind, round " + round, Figures.requestsPerFile(run));
            }
            System.out.printf("  scan round %d: %s%n", round, figures);
        }
        section.target(new TargetCheck("scan peak heap after GC MiB (at " + preset.backlogFiles() / 1000 + "k entries)", scan.summary(Figures.PEAK_HEAP_AFTER_GC),
                false, 256, "the target names 1M entries; the scan's heap is bounded by Max Records per Trigger, not the namespace"));
        for (final Audit audit : audits) {
            if ("quick".equals(audit.depth())) {
                section.target(new TargetCheck(audit.series().contestant() + ": target bytes read", audit.series().summary("target bytes read MiB"), false, 0,
                        "quick compares recorded CRC32C with the source's COMPOSITE_CRC: no bytes read"));
            }
            if ("deep".equals(audit.depth())) {
                final Series raw = section.series("raw target read " + audit.tree());
                final Summary ratio = Ratios.of(audit.series(), "target MiB/s read", raw, "target MiB/s read");
                section.note(String.format(Locale.ROOT, "deep audit %s reads the target at %.2f (median) of the raw SDK read.", audit.tree(), ratio.median()));
            }
        }
        return section;
    }

    private static RunRecord run(final BenchEnvironment environment, final Audit audit, final int round) throws IOException {
        return audit.depth() == null
                ? environment.worker("target-read").run(round, BenchEnvironment.command("target-read")
                        .put("targetDir", AUDITED_ROOT + audit.tree().substring("/bench".length())).put("threads", 4), environment.runTimeout())
                : environment.worker("verify").run(round, BenchEnvironment.command("audit").put("treeRoot", audit.tree()).put("depth", audit.depth()),
                        environment.runTimeout());
    }

    private record Audit(Series series, String worker, String tree, String depth) {
    }
}
