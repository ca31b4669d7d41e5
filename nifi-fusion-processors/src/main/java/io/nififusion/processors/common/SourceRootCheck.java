package io.nififusion.processors.common;

import io.nififusion.core.ErrorMessages;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.verification.VerificationReport;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.logging.ComponentLog;

import java.io.IOException;

/** The Verify step every processor reading the source has: the root it works under is readable as the service's user. */
public final class SourceRootCheck {
    public static final String STEP_READ_SOURCE_ROOT = "Read Source Root";

    private SourceRootCheck() {
    }

    public static ConfigVerificationResult read(final HdfsSourceService source, final String root, final ComponentLog verificationLogger) {
        try {
            final FileStatus status = source.execute(fileSystem -> {
                final FileStatus found = fileSystem.getFileStatus(new Path(root));
                if (found.isDirectory()) {
                    // reading the status needs only the parent's permissions: listing needs the directory's own
                    fileSystem.listStatusIterator(new Path(root)).hasNext();
                }
                return found;
            });
            return VerificationReport.successful(STEP_READ_SOURCE_ROOT,
                    "Source " + (status.isDirectory() ? "directory " : "file ") + source.getFileSystemUri() + root + " is readable");
        } catch (final IOException | RuntimeException e) {
            verificationLogger.error("Failed to read source root {}", root, e);
            return VerificationReport.failed(STEP_READ_SOURCE_ROOT, "Source root " + root + ": " + ErrorMessages.describe(e));
        }
    }
}
