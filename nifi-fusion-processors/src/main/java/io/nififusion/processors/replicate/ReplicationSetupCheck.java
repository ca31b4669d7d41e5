package io.nififusion.processors.replicate;

import io.nififusion.core.copy.CommitProbe;
import io.nififusion.processors.common.SourceRootCheck;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.services.target.FusionTargetService;
import io.nififusion.services.verification.VerificationReport;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.logging.ComponentLog;

import java.util.List;

/**
 * The Verify of ReplicateToADLS: the license lets it write, the source root of the mapping is readable as the source
 * service's user, and a copy's commit works under the target root (a temp with the configured prefix, the conditional
 * rename, a rival rename refused). The three are independent: each runs whatever the others found.
 *
 * @param source the source cluster, read as its service's user
 * @param target the target filesystem, license and path mapping
 * @param verificationLogger where the failures of each step are logged in full
 */
record ReplicationSetupCheck(HdfsSourceService source, FusionTargetService target, ComponentLog verificationLogger) {
    static final String STEP_LICENSE = "Check License";
    static final String STEP_READ_SOURCE_ROOT = SourceRootCheck.STEP_READ_SOURCE_ROOT;
    static final String STEP_REHEARSE_COMMIT = "Rehearse Commit";

    List<ConfigVerificationResult> verify(final String tempPrefix) {
        final VerificationReport report = new VerificationReport();
        final String licenseProblem = target.getLicenseProblem();
        report.add(licenseProblem == null ? VerificationReport.successful(STEP_LICENSE, "The license lets replication write to the target")
                : VerificationReport.failed(STEP_LICENSE, licenseProblem));
        report.add(SourceRootCheck.read(source, target.getPathMapper().getSourceRoot(), verificationLogger));
        final String targetRoot = target.getPathMapper().getTargetRoot();
        final CommitProbe.Result commit = new CommitProbe(target.getFileSystemClient(), tempPrefix).run(targetRoot);
        report.add(commit.passed() ? VerificationReport.successful(STEP_REHEARSE_COMMIT, commit.explanation() + " at " + target.getTransitUri(targetRoot))
                : VerificationReport.failed(STEP_REHEARSE_COMMIT, commit.explanation() + " (" + target.getAuthenticationMode() + " credential)"));
        return report.results();
    }
}
