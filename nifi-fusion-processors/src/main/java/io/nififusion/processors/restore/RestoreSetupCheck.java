package io.nififusion.processors.restore;

import io.nififusion.core.ErrorMessages;
import io.nififusion.core.restore.RestoreDestination;
import io.nififusion.processors.common.TargetRootCheck;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.services.verification.VerificationReport;
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
 *
 * @param hdfs the cluster restored to, written as its service's user
 * @param target the target filesystem restored from and its path mapping
 * @param verificationLogger where the failures of each step are logged in full
 */
record RestoreSetupCheck(HdfsSourceService hdfs, FusionTargetService target, ComponentLog verificationLogger) {
    static final String STEP_READ_TARGET_ROOT = TargetRootCheck.STEP_READ_TARGET_ROOT;
    static final String STEP_CHECK_DESTINATION = "Check Restore Destination";

    List<ConfigVerificationResult> verify(final RestoreDestination destination) {
        final VerificationReport report = new VerificationReport();
        report.add(TargetRootCheck.read(target, target.getPathMapper().getTargetRoot(),
                "nothing was replicated there, so there is nothing to restore", verificationLogger));
        report.add(checkDestination(destination.destinationOf(target.getPathMapper().getSourceRoot())));
        return report.results();
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
