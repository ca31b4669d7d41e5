package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.processors.verify.VerificationScope;
import io.nififusion.processors.verify.VerifyChecksum;
import org.apache.nifi.util.TestRunner;

/**
 * VerifyChecksum auditing a whole tree (tree scope, no incoming connection) at the given depth, with no rate limit
 * (Max Files per Second 0), so the figure is what the audit can do. Every file must verify.
 */
final class AuditTask implements ContestTask {
    /** The counters VerifyChecksum reports, as NiFi shows them. */
    private static final String FILES_CHECKED = "Tree Files Checked";
    private static final String DIFFERENCES = "Tree Differences";

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final TestRunner runner = NifiRunners.verify(context);
        runner.setIncomingConnection(false);
        runner.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.TREE.getValue());
        runner.setProperty(VerifyChecksum.TREE_ROOT, command.path("treeRoot").asText());
        runner.setProperty(VerifyChecksum.VERIFICATION_DEPTH, "deep".equals(command.path("depth").asText())
                ? VerificationDepthOption.DEEP.getValue() : VerificationDepthOption.QUICK.getValue());
        runner.setProperty(VerifyChecksum.MAX_FILES_PER_SECOND, "0");
        runner.setProperty(VerifyChecksum.TREE_THREADS, command.path("threads").asText("4"));
        window.open();
        runner.run(1, true, true);
        window.close();
        final Long files = runner.getCounterValue(FILES_CHECKED);
        final Long differences = runner.getCounterValue(DIFFERENCES);
        if (files == null || files == 0 || (differences != null && differences > 0)) {
            throw new IllegalStateException("Audit of " + command.path("treeRoot").asText() + ": " + files + " files checked, " + differences
                    + " differences; report " + runner.getFlowFilesForRelationship(VerifyChecksum.REPORT).stream()
                    .map(flowFile -> flowFile.getAttributes().toString()).toList());
        }
        result.put("files", files);
        result.put("differences", differences == null ? 0 : differences);
        result.put("bytes", command.path("bytes").asLong(0));
    }
}
