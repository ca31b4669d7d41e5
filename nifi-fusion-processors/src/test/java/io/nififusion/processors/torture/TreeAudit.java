package io.nififusion.processors.torture;

import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.verify.VerificationAttributes;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.processors.verify.VerificationScope;
import io.nififusion.processors.verify.VerifyChecksum;
import io.nififusion.services.hdfs.StandardHdfsSourceService;
import io.nififusion.services.target.StandardFusionTargetService;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The product's own proof, run after the independent checker: a deep VerifyChecksum tree audit of each listing root
 * (target bytes read back, metadata compared). It must agree with the checker: no difference.
 */
final class TreeAudit {

    /**
     * The audit of one root.
     *
     * @param root the audited source root
     * @param differences report lines (0 when converged), -1 when the audit itself failed
     * @param report the report content, or the failure
     */
    record Result(String root, long differences, String report) {
        boolean agrees() {
            return differences == 0;
        }
    }

    private TreeAudit() {
    }

    static List<Result> audit(final TortureEnvironment environment, final TortureLayout layout) throws InitializationException, IOException {
        final TestRunner verifier = TestRunners.newTestRunner(VerifyChecksum.class);
        final StandardHdfsSourceService source = FusionTestServices.addSource(verifier, environment.hdfs(),
                environment.workDirectory().resolve(layout.runName()).resolve("audit"));
        final StandardFusionTargetService target = FusionTestServices.addTarget(verifier, environment.emulator(), layout.fileSystem(),
                layout.mappedSourceRoot(), layout.targetRoot());
        verifier.setProperty(VerifyChecksum.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        verifier.setProperty(VerifyChecksum.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        verifier.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.TREE);
        verifier.setProperty(VerifyChecksum.VERIFICATION_DEPTH, VerificationDepthOption.DEEP);
        verifier.setProperty(VerifyChecksum.COMPARE_METADATA, "true");
        verifier.setProperty(VerifyChecksum.MAX_FILES_PER_SECOND, "0");
        verifier.setProperty(VerifyChecksum.EXCLUSIONS, TortureExclusions.AUDIT_PROPERTY);
        verifier.setIncomingConnection(false);
        TriggerJournal.current().watch(verifier);
        final List<Result> results = new ArrayList<>();
        for (final String root : layout.listingRoots()) {
            verifier.setProperty(VerifyChecksum.TREE_ROOT, root);
            verifier.clearTransferState();
            verifier.run();
            final List<MockFlowFile> reports = verifier.getFlowFilesForRelationship(VerifyChecksum.REPORT);
            if (reports.size() != 1) {
                results.add(new Result(root, -1, "no report: " + verifier.getLogger().getErrorMessages()));
                continue;
            }
            final MockFlowFile report = reports.get(0);
            results.add(new Result(root, Long.parseLong(report.getAttribute(VerificationAttributes.DIFFERENCES)), report.getContent()));
        }
        verifier.disableControllerService(target);
        verifier.disableControllerService(source);
        return results;
    }
}
