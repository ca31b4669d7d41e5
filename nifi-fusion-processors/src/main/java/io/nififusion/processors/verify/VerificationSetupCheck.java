package io.nififusion.processors.verify;

import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.processors.common.SourceRootCheck;
import io.nififusion.processors.common.TargetRootCheck;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.services.verification.VerificationReport;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.logging.ComponentLog;

import java.util.List;

/**
 * The Verify of VerifyChecksum: source checksums come as COMPOSITE_CRC, and the root to verify is readable on both
 * sides. The three are independent, so each is run whatever the others found.
 *
 * @param source the source cluster, read as its service's user
 * @param target the target filesystem and path mapping
 * @param verificationLogger where the failures of each step are logged in full
 */
record VerificationSetupCheck(HdfsSourceService source, FusionTargetService target, ComponentLog verificationLogger) {
    static final String STEP_CHECKSUM_CONFIGURATION = "Check Checksum Configuration";
    static final String STEP_READ_SOURCE_ROOT = SourceRootCheck.STEP_READ_SOURCE_ROOT;
    static final String STEP_READ_TARGET_ROOT = TargetRootCheck.STEP_READ_TARGET_ROOT;
    static final String COMPOSITE_CRC = "COMPOSITE_CRC";

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

    private ConfigVerificationResult readTargetRoot(final TargetPathMapper mapper, final String sourceRoot) {
        final String targetRoot;
        try {
            targetRoot = mapper.toTargetPath(sourceRoot);
        } catch (final IllegalArgumentException e) {
            return VerificationReport.failed(STEP_READ_TARGET_ROOT, e.getMessage());
        }
        return TargetRootCheck.read(target, targetRoot, "every source path would be reported missing", verificationLogger);
    }

    private ConfigVerificationResult checkChecksumConfiguration() {
        final String combineMode = source.getConfiguration().get("dfs.checksum.combine.mode", "MD5MD5CRC");
        if (COMPOSITE_CRC.equalsIgnoreCase(combineMode)) {
            return VerificationReport.successful(STEP_CHECKSUM_CONFIGURATION, "Source checksums are requested as COMPOSITE_CRC (block-size independent CRC32C)");
        }
        return VerificationReport.failed(STEP_CHECKSUM_CONFIGURATION, "dfs.checksum.combine.mode is " + combineMode
                + ": set it to COMPOSITE_CRC, otherwise every source checksum is unavailable and verification must read source bytes");
    }
}
