package io.nififusion.processors.verify;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.verify.TargetFileState;
import io.nififusion.processors.common.SourceRootCheck;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.services.verification.VerificationReport;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.logging.ComponentLog;

import java.util.List;

/**
 * The Verify of VerifyChecksum: source checksums come as COMPOSITE_CRC, and the root to verify is readable on both
 * sides. The three are independent, so each is run whatever the others found.
 */
final class VerificationSetupCheck {
    static final String STEP_CHECKSUM_CONFIGURATION = "Check Checksum Configuration";
    static final String STEP_READ_SOURCE_ROOT = SourceRootCheck.STEP_READ_SOURCE_ROOT;
    static final String STEP_READ_TARGET_ROOT = "Read Target Root";
    static final String COMPOSITE_CRC = "COMPOSITE_CRC";

    private final HdfsSourceService source;
    private final FusionTargetService target;
    private final ComponentLog verificationLogger;

    VerificationSetupCheck(final HdfsSourceService source, final FusionTargetService target, final ComponentLog verificationLogger) {
        this.source = source;
        this.target = target;
        this.verificationLogger = verificationLogger;
    }

    /** @param root the source root to verify, or null for the target service's Source Root */
    List<ConfigVerificationResult> verify(final String root) {
        final TargetPathMapper mapper = target.getPathMapper();
        final String sourceRoot = root == null ? mapper.getSourceRoot() : root;
        final VerificationReport report = new VerificationReport();
        report.add(checkChecksumConfiguration());
        report.add(SourceRootCheck.read(source, sourceRoot, verificationLogger));
        report.add(readTargetRoot(mapper, sourceRoot));
        return report.results();
    }

    private ConfigVerificationResult checkChecksumConfiguration() {
        final String combineMode = source.getConfiguration().get("dfs.checksum.combine.mode", "MD5MD5CRC");
        if (COMPOSITE_CRC.equalsIgnoreCase(combineMode)) {
            return VerificationReport.successful(STEP_CHECKSUM_CONFIGURATION, "Source checksums are requested as COMPOSITE_CRC (block-size independent CRC32C)");
        }
        return VerificationReport.failed(STEP_CHECKSUM_CONFIGURATION, "dfs.checksum.combine.mode is " + combineMode
                + ": set it to COMPOSITE_CRC, otherwise every source checksum is unavailable and verification must read source bytes");
    }

    private ConfigVerificationResult readTargetRoot(final TargetPathMapper mapper, final String root) {
        try {
            final String targetRoot = mapper.toTargetPath(root);
            final DataLakeFileSystemClient fileSystemClient = target.getFileSystemClient();
            if (targetRoot.isEmpty()) {
                fileSystemClient.listPaths(new ListPathsOptions().setMaxResults(1), null).iterator().hasNext();
                return VerificationReport.successful(STEP_READ_TARGET_ROOT, "Target filesystem root " + target.getTransitUri("") + " is listable");
            }
            final TargetFileState state = TargetFileState.fetch(fileSystemClient, targetRoot);
            if (state == null) {
                return VerificationReport.failed(STEP_READ_TARGET_ROOT,
                        "Nothing at target " + target.getTransitUri(targetRoot) + ": every source path would be reported missing");
            }
            return VerificationReport.successful(STEP_READ_TARGET_ROOT,
                    "Target " + (state.directory() ? "directory " : "file ") + target.getTransitUri(targetRoot) + " is readable");
        } catch (final RuntimeException e) {
            verificationLogger.error("Failed to read target root", e);
            return VerificationReport.failed(STEP_READ_TARGET_ROOT, "Target (" + target.getAuthenticationMode() + " credential): "
                    + VerificationFailure.messageOf(e));
        }
    }
}
