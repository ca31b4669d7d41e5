package io.nififusion.processors.verify;

import io.nififusion.core.copy.ReplicationErrorClassifier;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.verify.AuditCancelledException;
import io.nififusion.core.verify.AuditSummary;
import io.nififusion.core.verify.DifferenceKind;
import io.nififusion.core.verify.TreeAuditor;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import org.apache.hadoop.fs.FileSystem;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.exception.ProcessException;

import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Tree scope: audits every path under the Tree Root and writes one report FlowFile of the differences.
 *
 * @param services what it verifies with
 * @param settings how every audit runs
 * @param keepRunning false once the processor is stopped: a running audit ends between directories
 * @param logger the processor's log
 */
record TreeScopeHandler(VerificationServices services, AuditSettings settings, BooleanSupplier keepRunning, ComponentLog logger)
        implements VerificationScopeHandler {
    static final String REPORT_MIME_TYPE = "application/x-ndjson";

    /**
     * How the audit settings of the processor apply to every audit it runs.
     *
     * @param exclusions names left out on both sides
     * @param threads files compared at once
     * @param listPageSize entries per page of the target listing
     * @param clock the time of the audit's start and end
     */
    record AuditSettings(ExclusionFilter exclusions, int threads, int listPageSize, Clock clock) {
    }

    /** How an audit ended, decided where it ended rather than from the exceptions wrapped around it later. */
    private sealed interface AuditEnd {
        record Completed(AuditSummary summary) implements AuditEnd {
        }

        record Cancelled() implements AuditEnd {
        }

        record RootNotFound(String message) implements AuditEnd {
        }
    }

    @Override
    public void onTrigger(final ProcessContext context, final ProcessSession session) {
        FlowFile trigger = null;
        if (context.hasIncomingConnection()) {
            trigger = session.get();
            if (trigger == null) {
                return;
            }
        }
        final String root = context.getProperty(VerifyChecksum.TREE_ROOT).evaluateAttributeExpressions(trigger).getValue();
        final FusionTargetService target = services.target();
        if (root == null || !root.startsWith("/") || !target.getPathMapper().covers(root)) {
            fail(context, session, trigger, ReplicationErrorCode.INVALID_OPERATION, "Tree Root [" + root + "] must be an absolute path under the source root "
                    + target.getPathMapper().getSourceRoot(), null);
            return;
        }
        audit(context, session, trigger, root);
    }

    private void audit(final ProcessContext context, final ProcessSession session, final FlowFile trigger, final String root) {
        final HdfsSourceService source = services.source();
        final AtomicReference<AuditEnd> end = new AtomicReference<>();
        FlowFile report = trigger == null ? session.create() : session.create(trigger);
        try {
            report = session.write(report, out -> {
                final BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                end.set(source.execute(fileSystem -> runAudit(fileSystem, root, writer)));
                writer.flush();
            });
        } catch (final ProcessException | UncheckedIOException e) {
            session.remove(report);
            // the replicator's classification, so every processor names the same codes for the same failures
            final ReplicationException classified = new ReplicationErrorClassifier(services.target().getAuthenticationMode()).classify(e, "Auditing " + root);
            fail(context, session, trigger, classified.getCode(), classified.getMessage(), e);
            return;
        }

        switch (end.get()) {
            case AuditEnd.Cancelled cancelled -> {
                session.remove(report);
                logger.info("Audit of {} stopped with the processor; it will start over when scheduled again", root);
                session.rollback();
            }
            case AuditEnd.RootNotFound rootNotFound -> {
                session.remove(report);
                fail(context, session, trigger, ReplicationErrorCode.SOURCE_PATH_NOT_FOUND, rootNotFound.message(), null);
            }
            case AuditEnd.Completed completed -> report(session, trigger, report, root, completed.summary());
        }
    }

    private AuditEnd runAudit(final FileSystem fileSystem, final String root, final BufferedWriter writer) throws IOException {
        final TreeAuditor auditor = new TreeAuditor(fileSystem, services.target().getFileSystemClient(), services.target().getPathMapper(),
                services.verifier(fileSystem), settings.exclusions(), settings.threads(), settings.listPageSize(), settings.clock(),
                task -> () -> runAsSourceUser(services.source(), task));
        try {
            return new AuditEnd.Completed(auditor.audit(root, difference -> {
                writer.write(difference.toJsonLine());
                writer.write('\n');
            }, keepRunning));
        } catch (final AuditCancelledException e) {
            return new AuditEnd.Cancelled();
        } catch (final FileNotFoundException e) {
            return new AuditEnd.RootNotFound(VerificationFailure.messageOf(e));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while auditing " + root);
        }
    }

    private void report(final ProcessSession session, final FlowFile trigger, final FlowFile written, final String root, final AuditSummary summary) {
        final FlowFile report = session.putAllAttributes(written, summaryAttributes(summary, root));
        session.adjustCounter(VerificationCounters.TREE_AUDITS, 1, false);
        session.adjustCounter(VerificationCounters.TREE_FILES_CHECKED, summary.getFilesChecked(), false);
        session.adjustCounter(VerificationCounters.filesVerified(), summary.getFilesVerified(), false);
        session.adjustCounter(VerificationCounters.TREE_DIRECTORIES_CHECKED, summary.getDirectoriesChecked(), false);
        session.adjustCounter(VerificationCounters.TREE_DIFFERENCES, summary.getTotalDifferences(), false);
        session.adjustCounter(VerificationCounters.BYTES_READ, summary.getBytesRead(), false);
        final String details = summary.getDepth() + " audit of " + services.source().getFileSystemUri() + root + " against "
                + services.target().getTransitUri(summary.getTargetRoot()) + ": " + describe(summary);
        if (trigger == null) {
            session.getProvenanceReporter().create(report, details);
        } else {
            session.getProvenanceReporter().modifyContent(report, details);
            session.transfer(trigger, VerifyChecksum.ORIGINAL);
        }
        logger.info("Audit of {} against {}: {}", root, summary.getTargetRoot(), describe(summary));
        session.transfer(report, VerifyChecksum.REPORT);
    }

    /** The figures of the summary in the words of its attributes and counters. */
    static String describe(final AuditSummary summary) {
        return summary.getFilesChecked() + " files checked, " + summary.getFilesVerified() + " verified; "
                + summary.getDirectoriesChecked() + " directories checked; " + summary.getTotalDifferences() + " differences";
    }

    private void fail(final ProcessContext context, final ProcessSession session, final FlowFile trigger, final ReplicationErrorCode code, final String message,
                      final Exception failure) {
        if (failure == null) {
            logger.error("Tree audit not run: {}", message);
        } else {
            logger.error("Tree audit failed: {}", message, failure);
        }
        if (trigger == null) {
            context.yield();
        } else {
            session.transfer(VerificationFailure.mark(session, trigger, code, message), VerifyChecksum.FAILURE);
        }
    }

    private static void runAsSourceUser(final HdfsSourceService source, final Runnable task) {
        try {
            source.execute(fileSystem -> {
                task.run();
                return null;
            });
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> summaryAttributes(final AuditSummary summary, final String root) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(VerificationAttributes.ROOT, summary.getSourceRoot());
        attributes.put(VerificationAttributes.TARGET_ROOT, summary.getTargetRoot());
        attributes.put(VerificationAttributes.DEPTH, summary.getDepth().name());
        attributes.put(VerificationAttributes.STARTED, DateTimeFormatter.ISO_INSTANT.format(summary.getStarted()));
        attributes.put(VerificationAttributes.FINISHED, DateTimeFormatter.ISO_INSTANT.format(summary.getFinished()));
        attributes.put(VerificationAttributes.FILES_CHECKED, Long.toString(summary.getFilesChecked()));
        attributes.put(VerificationAttributes.FILES_VERIFIED, Long.toString(summary.getFilesVerified()));
        attributes.put(VerificationAttributes.DIRECTORIES_CHECKED, Long.toString(summary.getDirectoriesChecked()));
        attributes.put(VerificationAttributes.BYTES_CHECKED, Long.toString(summary.getBytesChecked()));
        attributes.put(VerificationAttributes.BYTES_READ, Long.toString(summary.getBytesRead()));
        attributes.put(VerificationAttributes.DIFFERENCES, Long.toString(summary.getTotalDifferences()));
        for (final Map.Entry<DifferenceKind, Long> count : summary.getDifferenceCounts().entrySet()) {
            attributes.put(VerificationAttributes.DIFFERENCES_PREFIX + count.getKey().getValue(), Long.toString(count.getValue()));
        }
        attributes.put(CoreAttributes.MIME_TYPE.key(), REPORT_MIME_TYPE);
        final String name = root.equals("/") ? "root" : root.substring(1).replace('/', '_');
        attributes.put(CoreAttributes.FILENAME.key(), "verify-" + name + "-" + summary.getStarted().toEpochMilli() + ".jsonl");
        return attributes;
    }
}
