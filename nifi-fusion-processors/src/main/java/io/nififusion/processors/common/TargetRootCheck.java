package io.nififusion.processors.common;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import io.nififusion.core.ErrorMessages;
import io.nififusion.core.verify.TargetFileState;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.services.verification.VerificationReport;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.logging.ComponentLog;

/** The Verify step every processor reading the target has: the root it works under is readable with the target service's credential. */
public final class TargetRootCheck {
    public static final String STEP_READ_TARGET_ROOT = "Read Target Root";

    private TargetRootCheck() {
    }

    /**
     * @param targetRoot the target path, relative to the filesystem; empty for the filesystem itself
     * @param ifAbsent what nothing at the root means for the processor, said when the step fails for that reason
     */
    public static ConfigVerificationResult read(final FusionTargetService target, final String targetRoot, final String ifAbsent,
                                                final ComponentLog verificationLogger) {
        try {
            final String uri = target.getTransitUri(targetRoot);
            final DataLakeFileSystemClient fileSystemClient = target.getFileSystemClient();
            if (targetRoot.isEmpty()) {
                fileSystemClient.listPaths(new ListPathsOptions().setMaxResults(1), null).iterator().hasNext();
                return VerificationReport.successful(STEP_READ_TARGET_ROOT, "Target filesystem root " + uri + " is listable");
            }
            final TargetFileState state = TargetFileState.fetch(fileSystemClient, targetRoot);
            if (state == null) {
                return VerificationReport.failed(STEP_READ_TARGET_ROOT, "Nothing at target " + uri + ": " + ifAbsent);
            }
            return VerificationReport.successful(STEP_READ_TARGET_ROOT, "Target " + (state.directory() ? "directory " : "file ") + uri + " is readable");
        } catch (final RuntimeException e) {
            verificationLogger.error("Failed to read target root [{}]", targetRoot, e);
            return VerificationReport.failed(STEP_READ_TARGET_ROOT, "Reading target root [" + targetRoot + "] failed ("
                    + target.getAuthenticationMode() + " credential): " + ErrorMessages.describe(e));
        }
    }
}
