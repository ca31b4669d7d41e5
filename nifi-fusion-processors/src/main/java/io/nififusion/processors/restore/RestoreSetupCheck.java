package io.nififusion.processors.restore;

import io.nififusion.core.ErrorMessages;
import io.nififusion.core.restore.RestoreDestination;
import io.nififusion.core.target.TargetPathProperties;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.services.verification.VerificationReport;
import com.azure.storage.file.datalake.models.PathProperties;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.logging.ComponentLog;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;

/**
 * The Verify of RestoreToHDFS: the target root can be read with the target service's credential, and HDFS lets the
 * source service's user write where restored paths go (the nearest existing directory of the destination root). Each
 * step runs whatever the other found; neither changes anything.
 */
final class RestoreSetupCheck {
    static final String STEP_READ_TARGET_ROOT = "Read Target Root";
    static final String STEP_CHECK_DESTINATION = "Check Restore Destination";

    private final HdfsSourceService hdfs;
    private final FusionTargetService target;
    private final ComponentLog verificationLogger;

    RestoreSetupCheck(final HdfsSourceService hdfs, final FusionTargetService target, final ComponentLog verificationLogger) {
        this.hdfs = hdfs;
        this.target = target;
        this.verificationLogger = verificationLogger;
    }

    List<ConfigVerificationResult> verify(final RestoreDestination destination) {
        final VerificationReport report = new VerificationReport();
        report.add(readTargetRoot());
        report.add(checkDestination(destination.destinationOf(target.getPathMapper().getSourceRoot())));
        return report.results();
    }

    private ConfigVerificationResult readTargetRoot() {
        final String root = target.getPathMapper().getTargetRoot();
        try {
            if (root.isEmpty()) {
                target.getFileSystemClient().getProperties();
                return VerificationReport.successful(STEP_READ_TARGET_ROOT, "The filesystem " + target.getTransitUri(root) + " is readable");
            }
            final PathProperties properties = TargetPathProperties.of(target.getFileSystemClient()).readOrNull(root);
            if (properties == null) {
                return VerificationReport.failed(STEP_READ_TARGET_ROOT, "The target root " + target.getTransitUri(root) + " does not exist: nothing "
                        + "was replicated there, so there is nothing to restore");
            }
            return VerificationReport.successful(STEP_READ_TARGET_ROOT, "The target root " + target.getTransitUri(root) + " is readable");
        } catch (final RuntimeException e) {
            verificationLogger.error("Failed to read target root {}", root, e);
            return VerificationReport.failed(STEP_READ_TARGET_ROOT, "Reading " + target.getTransitUri(root) + " failed: " + ErrorMessages.describe(e)
                    + " (" + target.getAuthenticationMode() + " credential)");
        }
    }

    private ConfigVerificationResult checkDestination(final String destinationRoot) {
        try {
            final String explanation = hdfs.execute(fileSystem -> {
                Path path = new Path(destinationRoot);
                while (true) {
                    try {
                        final FileStatus status = fileSystem.getFileStatus(path);
                        if (!status.isDirectory()) {
                            return "fail:" + path + " is a file, so nothing can be restored below it";
                        }
                        fileSystem.access(path, FsAction.WRITE_EXECUTE);
                        return "ok:" + hdfs.getFileSystemUri() + path + " exists and is writable by " + hdfs.getUserGroupInformation().getShortUserName()
                                + (path.toString().equals(destinationRoot) ? "" : "; " + destinationRoot + " is created below it");
                    } catch (final FileNotFoundException e) {
                        path = path.getParent();
                    }
                }
            });
            return explanation.startsWith("ok:") ? VerificationReport.successful(STEP_CHECK_DESTINATION, explanation.substring(3))
                    : VerificationReport.failed(STEP_CHECK_DESTINATION, explanation.substring(5));
        } catch (final IOException | RuntimeException e) {
            verificationLogger.error("Failed to check restore destination {}", destinationRoot, e);
            return VerificationReport.failed(STEP_CHECK_DESTINATION, "Restore destination " + destinationRoot + ": " + ErrorMessages.describe(e));
        }
    }
}
