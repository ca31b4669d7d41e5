package io.nififusion.processors.list;

import io.nififusion.core.ErrorMessages;
import io.nififusion.core.listing.CaptureModeProbe;
import io.nififusion.core.listing.HdfsDirectoryLister;
import io.nififusion.core.listing.ModeAvailability;
import io.nififusion.core.listing.SourceRoots;
import io.nififusion.services.hdfs.HdfsSourceService;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.logging.ComponentLog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Verify steps of ListHDFSChanges: the roots can be listed (all scan-only needs), then the configured change capture
 * mode works for the configured user (inotify needs an HDFS superuser; snapshot-diff snapshottable roots the user
 * owns). When the mode does not work, the explanation says which modes would.
 */
final class SourceAccessVerifier {
    static final String STEP_LIST_ROOTS = "List Source Roots";
    static final String STEP_CHANGE_CAPTURE = "Change Capture Mode";

    private final HdfsSourceService source;
    private final ComponentLog verificationLogger;

    SourceAccessVerifier(final HdfsSourceService source, final ComponentLog verificationLogger) {
        this.source = source;
        this.verificationLogger = verificationLogger;
    }

    List<ConfigVerificationResult> verify(final String rootsValue, final ChangeCaptureMode mode) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final ConfigVerificationResult listing = listRoots(rootsValue);
        results.add(listing);
        if (mode == ChangeCaptureMode.SCAN_ONLY) {
            return results;
        }
        if (listing.getOutcome() != Outcome.SUCCESSFUL) {
            results.add(result(STEP_CHANGE_CAPTURE, Outcome.SKIPPED, "Skipped: " + mode.getValue() + " is checked on source roots that can be listed"));
            return results;
        }
        final List<String> roots = SourceRoots.parse(rootsValue).getRoots();
        try {
            results.add(source.execute(fileSystem -> {
                final CaptureModeProbe probe = new CaptureModeProbe(fileSystem, source.getUserGroupInformation().getShortUserName());
                return mode == ChangeCaptureMode.INOTIFY ? checkInotify(probe, roots) : checkSnapshotDiff(probe, roots);
            }));
        } catch (final IOException | RuntimeException e) {
            verificationLogger.error("Checking Change Capture Mode {} failed", mode.getValue(), e);
            results.add(result(STEP_CHANGE_CAPTURE, Outcome.FAILED, "Checking " + mode.getValue() + " failed: " + ErrorMessages.firstLine(e.getMessage())));
        }
        return results;
    }

    private ConfigVerificationResult listRoots(final String rootsValue) {
        final SourceRoots roots;
        try {
            roots = SourceRoots.parse(rootsValue);
        } catch (final IllegalArgumentException e) {
            return result(STEP_LIST_ROOTS, Outcome.FAILED, e.getMessage());
        }
        final List<String> problems = new ArrayList<>();
        try {
            source.execute(fileSystem -> {
                final HdfsDirectoryLister lister = new HdfsDirectoryLister(fileSystem);
                for (final String root : roots.getRoots()) {
                    final FileStatus status = lister.status(root);
                    if (status == null) {
                        problems.add(root + " does not exist");
                    } else if (!status.isDirectory()) {
                        problems.add(root + " is a file, not a directory");
                    } else {
                        fileSystem.listStatusIterator(new Path(root)).hasNext();
                    }
                }
                return null;
            });
        } catch (final IOException | RuntimeException e) {
            verificationLogger.error("Listing the source roots failed", e);
            return result(STEP_LIST_ROOTS, Outcome.FAILED, "Listing " + roots + " failed: " + ErrorMessages.firstLine(e.getMessage()));
        }
        return problems.isEmpty()
                ? result(STEP_LIST_ROOTS, Outcome.SUCCESSFUL, "Listed " + String.join(", ", roots.getRoots()))
                : result(STEP_LIST_ROOTS, Outcome.FAILED, String.join("; ", problems));
    }

    private static ConfigVerificationResult checkInotify(final CaptureModeProbe probe, final List<String> roots) throws IOException {
        final ModeAvailability inotify = probe.inotify();
        if (inotify.available()) {
            return result(STEP_CHANGE_CAPTURE, Outcome.SUCCESSFUL, inotify.explanation());
        }
        final ModeAvailability snapshotDiff = probe.snapshotDiff(roots);
        final String alternative = snapshotDiff.available()
                ? "Change Capture Mode snapshot-diff works on these roots (" + snapshotDiff.explanation() + "), so does scan-only"
                : "Change Capture Mode scan-only works on these roots; snapshot-diff would too once fixed: " + snapshotDiff.explanation();
        return result(STEP_CHANGE_CAPTURE, Outcome.FAILED, inotify.explanation() + ". " + alternative);
    }

    private static ConfigVerificationResult checkSnapshotDiff(final CaptureModeProbe probe, final List<String> roots) throws IOException {
        final ModeAvailability snapshotDiff = probe.snapshotDiff(roots);
        return result(STEP_CHANGE_CAPTURE, snapshotDiff.available() ? Outcome.SUCCESSFUL : Outcome.FAILED, snapshotDiff.explanation());
    }

    private static ConfigVerificationResult result(final String step, final Outcome outcome, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(step).outcome(outcome).explanation(explanation).build();
    }
}
