package io.nififusion.processors.list;

import io.nififusion.core.ErrorMessages;
import io.nififusion.core.listing.ChangeStreamGap;
import io.nififusion.core.listing.SourceRoots;
import io.nififusion.services.hdfs.HdfsSourceService;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.client.HdfsAdmin;
import org.apache.hadoop.hdfs.inotify.MissingEventsException;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.logging.ComponentLog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Verify steps of ListHDFSChanges: the roots can be listed, and the change capture mode can work for the
 * configured user (inotify needs an HDFS superuser; snapshot-diff needs snapshottable roots).
 */
final class SourceAccessVerifier {
    static final String STEP_LIST_ROOTS = "List Source Roots";
    static final String STEP_CHANGE_STREAM = "Read Change Stream";

    private final HdfsSourceService source;
    private final ComponentLog verificationLogger;

    SourceAccessVerifier(final HdfsSourceService source, final ComponentLog verificationLogger) {
        this.source = source;
        this.verificationLogger = verificationLogger;
    }

    List<ConfigVerificationResult> verify(final String rootsValue, final ChangeCaptureMode mode) {
        final List<ConfigVerificationResult> results = new ArrayList<>();
        final SourceRoots roots;
        try {
            roots = SourceRoots.parse(rootsValue);
        } catch (final IllegalArgumentException e) {
            results.add(failed(STEP_LIST_ROOTS, e.getMessage()));
            return results;
        }

        final List<String> problems = new ArrayList<>();
        final List<String> found = new ArrayList<>();
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
                        found.add(root);
                    }
                }
                return null;
            });
        } catch (final IOException | RuntimeException e) {
            verificationLogger.error("Listing the source roots failed", e);
            results.add(failed(STEP_LIST_ROOTS, "Listing " + roots + " failed: " + e.getMessage()));
            return results;
        }
        results.add(problems.isEmpty()
                ? new ConfigVerificationResult.Builder().verificationStepName(STEP_LIST_ROOTS).outcome(ConfigVerificationResult.Outcome.SUCCESSFUL)
                        .explanation("Listed " + String.join(", ", found)).build()
                : failed(STEP_LIST_ROOTS, String.join("; ", problems)));

        results.add(switch (mode) {
            case INOTIFY -> verifyChangeStream();
            case SNAPSHOT_DIFF -> verifySnapshots(found);
            case SCAN_ONLY -> new ConfigVerificationResult.Builder().verificationStepName(STEP_CHANGE_STREAM)
                    .outcome(ConfigVerificationResult.Outcome.SKIPPED).explanation("Change Capture Mode is scan-only").build();
        });
        return results;
    }

    private ConfigVerificationResult verifyChangeStream() {
        try {
            final HdfsAdmin admin = source.getHdfsAdmin();
            final long transactionId = source.execute(fileSystem -> {
                final long current = ListHDFSChanges.currentTransactionId(fileSystem);
                try {
                    admin.getInotifyEventStream(current).poll();
                } catch (final MissingEventsException e) {
                    // a gap right now still proves the stream can be read
                    verificationLogger.debug("Gap while probing the change stream: {}", ChangeStreamGap.of(e).describe());
                }
                return current;
            });
            return new ConfigVerificationResult.Builder().verificationStepName(STEP_CHANGE_STREAM).outcome(ConfigVerificationResult.Outcome.SUCCESSFUL)
                    .explanation("inotify is permitted for " + describeUser() + "; the edit log is at transaction " + transactionId).build();
        } catch (final IOException | RuntimeException e) {
            final String message = String.valueOf(e.getMessage());
            if (message.contains("Superuser privilege") || message.contains("AccessControlException") || message.contains("Permission denied")) {
                return failed(STEP_CHANGE_STREAM, "inotify is not permitted for " + describeUser() + " (only HDFS superusers may read the edit log): "
                        + "set Change Capture Mode to snapshot-diff, which works for the owner of snapshottable roots. NameNode said: " + ErrorMessages.firstLine(message));
            }
            verificationLogger.error("Reading the change stream failed", e);
            return failed(STEP_CHANGE_STREAM, "Reading the change stream failed: " + ErrorMessages.firstLine(message));
        }
    }

    private ConfigVerificationResult verifySnapshots(final List<String> roots) {
        final List<String> problems = new ArrayList<>();
        try {
            source.execute(fileSystem -> {
                final RootSnapshots snapshots = new RootSnapshots(fileSystem);
                for (final String root : roots) {
                    try {
                        snapshots.requireSnapshottable(root);
                    } catch (final IOException e) {
                        problems.add(e.getMessage());
                    }
                }
                return null;
            });
        } catch (final IOException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            return failed(STEP_CHANGE_STREAM, String.join("; ", problems));
        }
        return new ConfigVerificationResult.Builder().verificationStepName(STEP_CHANGE_STREAM).outcome(ConfigVerificationResult.Outcome.SUCCESSFUL)
                .explanation("Snapshots allowed on " + String.join(", ", roots)).build();
    }

    private String describeUser() {
        try {
            return "user " + source.getUserGroupInformation().getShortUserName();
        } catch (final IOException e) {
            return "the configured user";
        }
    }

    private static ConfigVerificationResult failed(final String step, final String explanation) {
        return new ConfigVerificationResult.Builder().verificationStepName(step).outcome(ConfigVerificationResult.Outcome.FAILED)
                .explanation(explanation).build();
    }
}
