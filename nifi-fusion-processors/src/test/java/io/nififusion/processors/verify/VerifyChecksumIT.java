package io.nififusion.processors.verify;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathPermissions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.target.TargetVersion;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.processors.MigrationTestbed;
import io.nififusion.services.hdfs.HdfsSourceService;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Options.ChecksumOpt;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.DataChecksum;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyChecksumIT {
    private static final long BLOCK = MiniDfsExtension.SMALL_BLOCK_SIZE;
    private static final String FILESYSTEM = "verified";
    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

    @RegisterExtension
    static final MigrationTestbed TESTBED = new MigrationTestbed(FILESYSTEM);
    private static final MiniDfsExtension HDFS = TESTBED.hdfs();

    private final DataLakeFileSystemClient target = TESTBED.target();

    private TestRunner runner;

    @BeforeEach
    void setUp() throws InitializationException, IOException {
        runner = TestRunners.newTestRunner(VerifyChecksum.class);
        setUpServices();
    }

    private void setUpServices() throws InitializationException, IOException {
        FusionTestServices.addSource(runner, HDFS, TESTBED.configurationDirectory());
        FusionTestServices.addTarget(runner, TESTBED.emulator(), FILESYSTEM, "/data", "landing");
        runner.setProperty(VerifyChecksum.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(VerifyChecksum.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
    }

    @Test
    void fileScopeRoutesEachVerdict() throws Exception {
        final byte[] multiBlock = copied("/data/file/multi-block", (int) (2.5 * BLOCK) + 11, 1);
        copied("/data/file/empty", 0, 2);
        final byte[] recorded = HDFS.writeRandom("/data/file/wrong-record", 3000, 3);
        TargetFileWriter.write(target, "landing/file/wrong-record", recorded,
                TargetFileWriter.currentVersion(HDFS.getFileSystem(), "/data/file/wrong-record", TargetFileWriter.crc32c(recorded) ^ 0x10).toMetadata());
        final byte[] longer = HDFS.writeRandom("/data/file/short", 500, 4);
        TargetFileWriter.write(target, "landing/file/short", new byte[499], null);
        HDFS.writeRandom("/data/file/absent", 10, 5);
        copied("/data/file/rewritten", 700, 6);
        final FileStatus listed = HDFS.getFileSystem().getFileStatus(new Path("/data/file/rewritten"));
        HDFS.writeRandom("/data/file/rewritten", 900, 7);

        enqueueCopy("/data/file/multi-block", -1, -1);
        enqueueCopy("/data/file/empty", -1, -1);
        enqueueCopy("/data/file/wrong-record", -1, -1);
        enqueueCopy("/data/file/short", -1, -1);
        enqueueCopy("/data/file/absent", -1, -1);
        enqueueCopy("/data/file/rewritten", listed.getLen(), listed.getModificationTime());
        runner.enqueue(new byte[0], Map.of(OperationAttributes.OPERATION, "COPY"));
        runner.run(7);

        runner.assertTransferCount(VerifyChecksum.VERIFIED, 2);
        final MockFlowFile verified = byPath(VerifyChecksum.VERIFIED, "/data/file/multi-block");
        verified.assertAttributeEquals(VerificationAttributes.RESULT, "verified");
        verified.assertAttributeEquals(VerificationAttributes.SOURCE_CRC32C, Crc32cFormat.format(TargetFileWriter.crc32c(multiBlock)));
        verified.assertAttributeEquals(VerificationAttributes.TARGET_CRC32C, Crc32cFormat.format(TargetFileWriter.crc32c(multiBlock)));
        verified.assertAttributeEquals(VerificationAttributes.SOURCE_CHECKSUM_ORIGIN, "source-composite-crc");
        verified.assertAttributeEquals(VerificationAttributes.TARGET_CHECKSUM_ORIGIN, "target-recorded");
        verified.assertAttributeEquals(VerificationAttributes.DEPTH, "QUICK");
        verified.assertAttributeEquals(OperationAttributes.TARGET_PATH, "landing/file/multi-block");
        byPath(VerifyChecksum.VERIFIED, "/data/file/empty").assertAttributeEquals(VerificationAttributes.SOURCE_CRC32C, "00000000");

        runner.assertTransferCount(VerifyChecksum.MISMATCH, 2);
        final MockFlowFile checksum = byPath(VerifyChecksum.MISMATCH, "/data/file/wrong-record");
        checksum.assertAttributeEquals(VerificationAttributes.CHECK, "checksum");
        checksum.assertAttributeEquals(VerificationAttributes.SOURCE_CRC32C, Crc32cFormat.format(TargetFileWriter.crc32c(recorded)));
        checksum.assertAttributeEquals(VerificationAttributes.TARGET_CRC32C, Crc32cFormat.format(TargetFileWriter.crc32c(recorded) ^ 0x10));
        final MockFlowFile size = byPath(VerifyChecksum.MISMATCH, "/data/file/short");
        size.assertAttributeEquals(VerificationAttributes.CHECK, "size");
        size.assertAttributeEquals(VerificationAttributes.SOURCE_LENGTH, Integer.toString(longer.length));
        size.assertAttributeEquals(VerificationAttributes.TARGET_LENGTH, "499");

        runner.assertTransferCount(VerifyChecksum.MISSING, 1);
        byPath(VerifyChecksum.MISSING, "/data/file/absent").assertAttributeEquals(VerificationAttributes.CHECK, "existence");
        runner.assertTransferCount(VerifyChecksum.CHANGED, 1);
        byPath(VerifyChecksum.CHANGED, "/data/file/rewritten").assertAttributeEquals(VerificationAttributes.CHECK, "stability");
        runner.assertTransferCount(VerifyChecksum.FAILURE, 1);
        runner.getFlowFilesForRelationship(VerifyChecksum.FAILURE).get(0).assertAttributeEquals(OperationAttributes.ERROR_CODE, "INVALID_OPERATION");

        assertEquals(2, runner.getCounterValue("Files Verified"));
        assertEquals(2, runner.getCounterValue("Files Mismatched"));
        assertEquals(1, runner.getCounterValue("Files Missing"));
        assertEquals(1, runner.getCounterValue("Files Changed"));
        final List<ProvenanceEventRecord> events = runner.getProvenanceEvents();
        assertEquals(6, events.size());
        for (final ProvenanceEventRecord event : events) {
            assertEquals(ProvenanceEventType.ROUTE, event.getEventType());
            assertTrue(event.getDetails().contains("hdfs://"), event.getDetails());
            assertTrue(event.getDetails().contains(" against " + TESTBED.emulator().getEndpoint() + "/" + FILESYSTEM + "/landing/file/"), event.getDetails());
        }
    }

    @Test
    void corruptionAtTheTargetIsCaughtByDeepOnly() throws Exception {
        final byte[] bytes = copied("/data/deep/corrupt", (int) (1.5 * BLOCK), 8);
        TESTBED.emulator().corruptStoredBytes(FILESYSTEM, "landing/deep/corrupt", BLOCK + 3);

        verifyAlone("/data/deep/corrupt", VerifyChecksum.VERIFIED);

        runner.setProperty(VerifyChecksum.VERIFICATION_DEPTH, VerificationDepthOption.DEEP);
        final MockFlowFile mismatch = verifyAlone("/data/deep/corrupt", VerifyChecksum.MISMATCH);
        mismatch.assertAttributeEquals(VerificationAttributes.CHECK, "checksum");
        mismatch.assertAttributeEquals(VerificationAttributes.DEPTH, "DEEP");
        mismatch.assertAttributeEquals(VerificationAttributes.SOURCE_CRC32C, Crc32cFormat.format(TargetFileWriter.crc32c(bytes)));
        mismatch.assertAttributeEquals(VerificationAttributes.TARGET_CHECKSUM_ORIGIN, "target-bytes");
        mismatch.assertAttributeEquals(VerificationAttributes.BYTES_READ, Integer.toString(bytes.length));
        assertFalse(mismatch.getAttribute(VerificationAttributes.SOURCE_CRC32C).equals(mismatch.getAttribute(VerificationAttributes.TARGET_CRC32C)));
    }

    @Test
    void crc32SourceIsVerifiedByReadingOrSentToFailureNeverMismatch() throws Exception {
        final byte[] bytes = new byte[(int) BLOCK + 100];
        new Random(9).nextBytes(bytes);
        try (FSDataOutputStream out = HDFS.getFileSystem().create(new Path("/data/crc32/file"), FsPermission.getFileDefault(),
                EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE), 4096, (short) 1, BLOCK, null, new ChecksumOpt(DataChecksum.Type.CRC32, 512))) {
            out.write(bytes);
        }
        TargetFileWriter.copy(HDFS.getFileSystem(), "/data/crc32/file", target, "landing/crc32/file");

        runner.setProperty(VerifyChecksum.VERIFICATION_DEPTH, VerificationDepthOption.DEEP);
        final MockFlowFile verified = verifyAlone("/data/crc32/file", VerifyChecksum.VERIFIED);
        verified.assertAttributeEquals(VerificationAttributes.SOURCE_CHECKSUM_ORIGIN, "source-bytes");
        verified.assertAttributeEquals(VerificationAttributes.TARGET_CHECKSUM_ORIGIN, "target-bytes");
        assertTrue(verified.getAttribute(VerificationAttributes.EXPLANATION).contains("COMPOSITE-CRC32"));

        runner.setProperty(VerifyChecksum.UNAVAILABLE_CHECKSUM_HANDLING, UnavailableChecksumHandling.REPORT_UNVERIFIED);
        final MockFlowFile unverified = verifyAlone("/data/crc32/file", VerifyChecksum.FAILURE);
        unverified.assertAttributeEquals(OperationAttributes.ERROR_CODE, "CHECKSUM_UNAVAILABLE");
        unverified.assertAttributeEquals(VerificationAttributes.RESULT, "unverified");
    }

    @Test
    void compareMetadataRoutesAChangedTargetPermissionToMismatch() throws Exception {
        for (final String name : List.of("same", "changed")) {
            HDFS.writeRandom("/data/permission/" + name, 200, 20);
            HDFS.chmod("/data/permission/" + name, (short) 0640);
            TargetFileWriter.copy(HDFS.getFileSystem(), "/data/permission/" + name, target, "landing/permission/" + name);
            // the bits ReplicateToADLS gives the copy
            target.getFileClient("landing/permission/" + name).setPermissions(PathPermissions.parseOctal("0640"), null, null);
        }
        // changed behind the replicator's back
        target.getFileClient("landing/permission/changed").setPermissions(PathPermissions.parseOctal("0600"), null, null);
        runner.setProperty(VerifyChecksum.COMPARE_METADATA, "true");

        enqueueCopy("/data/permission/same", -1, -1);
        enqueueCopy("/data/permission/changed", -1, -1);
        runner.run(2);

        runner.assertTransferCount(VerifyChecksum.VERIFIED, 1);
        byPath(VerifyChecksum.VERIFIED, "/data/permission/same").assertAttributeEquals(VerificationAttributes.RESULT, "verified");
        runner.assertTransferCount(VerifyChecksum.MISMATCH, 1);
        final MockFlowFile changed = byPath(VerifyChecksum.MISMATCH, "/data/permission/changed");
        changed.assertAttributeEquals(VerificationAttributes.CHECK, "metadata");
        changed.assertAttributeEquals(VerificationAttributes.EXPLANATION, "Metadata differs: permission rw-r----- vs target rw-------");
    }

    @Test
    void deleteRecordVerifiesAbsence() throws Exception {
        HDFS.writeRandom("/data/deleted/file", 10, 10);
        TargetFileWriter.copy(HDFS.getFileSystem(), "/data/deleted/file", target, "landing/deleted/file");
        HDFS.delete("/data/deleted/file");

        runner.enqueue(new byte[0], Map.of(OperationAttributes.OPERATION, "DELETE", OperationAttributes.PATH, "/data/deleted/file"));
        runner.run();
        runner.assertAllFlowFilesTransferred(VerifyChecksum.MISMATCH, 1);
        runner.getFlowFilesForRelationship(VerifyChecksum.MISMATCH).get(0).assertAttributeEquals(VerificationAttributes.CHECK, "existence");

        runner.clearTransferState();
        target.getFileClient("landing/deleted/file").delete();
        runner.enqueue(new byte[0], Map.of(OperationAttributes.OPERATION, "DELETE", OperationAttributes.PATH, "/data/deleted/file"));
        runner.run();
        runner.assertAllFlowFilesTransferred(VerifyChecksum.VERIFIED, 1);

        // a verdict on a deletion is not a verdict on a file
        assertEquals(1, runner.getCounterValue("Deleted Paths Mismatched"));
        assertEquals(1, runner.getCounterValue("Deleted Paths Verified"));
        assertNull(runner.getCounterValue("Files Verified"));
        assertNull(runner.getCounterValue("Files Mismatched"));
    }

    @Test
    void filesVerifiedCountsFilesOnlyNotDirectoryRecords() throws Exception {
        copied("/data/counted/file", 30, 40);
        HDFS.getFileSystem().mkdirs(new Path("/data/counted/empty-dir"));
        target.getDirectoryClient("landing/counted/empty-dir").create();
        HDFS.getFileSystem().mkdirs(new Path("/data/counted/not-replicated"));

        enqueueCopy("/data/counted/file", -1, -1);
        runner.enqueue(new byte[0], Map.of(OperationAttributes.OPERATION, "MKDIR", OperationAttributes.PATH, "/data/counted/empty-dir"));
        runner.enqueue(new byte[0], Map.of(OperationAttributes.OPERATION, "MKDIR", OperationAttributes.PATH, "/data/counted/not-replicated"));
        runner.run(3);

        runner.assertTransferCount(VerifyChecksum.VERIFIED, 2);
        runner.assertTransferCount(VerifyChecksum.MISSING, 1);
        assertEquals(1, runner.getCounterValue("Files Verified"));
        assertEquals(1, runner.getCounterValue("Directories Verified"));
        assertEquals(1, runner.getCounterValue("Directories Missing"));
        assertNull(runner.getCounterValue("Files Missing"));
    }

    @Test
    void scheduledTreeAuditWritesReportWithSummary() throws Exception {
        for (int i = 0; i < 30; i++) {
            copied(String.format("/data/tree/dir-%d/file-%02d", i % 3, i), 50 + i, 100 + i);
        }
        target.getFileClient("landing/tree/dir-0/file-00").delete();
        TargetFileWriter.write(target, "landing/tree/dir-1/unexpected", new byte[]{1}, null);
        final byte[] wrong = new byte[52];
        TargetFileWriter.write(target, "landing/tree/dir-2/file-02", wrong,
                new TargetVersion("/data/tree/dir-2/file-02", wrong.length, 1, 1, TargetFileWriter.crc32c(wrong)).toMetadata());
        // a target that records the current source version and still holds other bytes: corruption, a mismatch
        final byte[] corrupt = HDFS.read("/data/tree/dir-1/file-04");
        corrupt[0] ^= 1;
        target.getFileClient("landing/tree/dir-1/file-04").delete();
        TargetFileWriter.write(target, "landing/tree/dir-1/file-04", corrupt,
                TargetFileWriter.currentVersion(HDFS.getFileSystem(), "/data/tree/dir-1/file-04", TargetFileWriter.crc32c(corrupt)).toMetadata());
        // An in-flight copy of the replicator is not a difference
        TargetFileWriter.write(target, "landing/tree/dir-1/_fusion_tmp.file-01", new byte[]{9}, null);
        TESTBED.emulator().setMaxListResults(3);

        final Instant auditTime = Instant.parse("2027-05-04T03:02:01.123Z");
        runner = TestRunners.newTestRunner(new VerifyChecksum(Clock.fixed(auditTime, ZoneOffset.UTC)));
        setUpServices();
        runner.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.TREE);
        runner.setProperty(VerifyChecksum.TREE_ROOT, "/data/tree");
        runner.setProperty(VerifyChecksum.VERIFICATION_DEPTH, VerificationDepthOption.DEEP);
        runner.setProperty(VerifyChecksum.TARGET_LIST_PAGE_SIZE, "4");
        runner.setIncomingConnection(false);
        runner.run();

        assertEquals(VerifyChecksum.TREE_RELATIONSHIPS, runner.getProcessor().getRelationships());
        runner.assertAllFlowFilesTransferred(VerifyChecksum.REPORT, 1);
        final MockFlowFile report = runner.getFlowFilesForRelationship(VerifyChecksum.REPORT).get(0);
        final Map<String, String> kinds = new HashMap<>();
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : new String(report.toByteArray(), StandardCharsets.UTF_8).split("\n")) {
            final JsonNode node = OBJECT_MAPPER.readTree(line);
            lines.add(node);
            kinds.put(node.get("sourcePath").asText(), node.get("kind").asText());
        }
        // file-02 records another source version than the source holds: its copy is pending, reported as changed
        assertEquals(Map.of("/data/tree/dir-0/file-00", "missing", "/data/tree/dir-1/unexpected", "extra", "/data/tree/dir-2/file-02", "changed",
                "/data/tree/dir-1/file-04", "checksum"), kinds);
        assertEquals(4, lines.size());
        report.assertAttributeEquals(VerificationAttributes.DIFFERENCES, "4");
        report.assertAttributeEquals(VerificationAttributes.DIFFERENCES_PREFIX + "changed", "1");
        report.assertAttributeEquals(VerificationAttributes.DIFFERENCES_PREFIX + "missing", "1");
        report.assertAttributeEquals(VerificationAttributes.DIFFERENCES_PREFIX + "extra", "1");
        report.assertAttributeEquals(VerificationAttributes.DIFFERENCES_PREFIX + "checksum", "1");
        report.assertAttributeEquals(VerificationAttributes.DIFFERENCES_PREFIX + "size", "0");
        report.assertAttributeEquals(VerificationAttributes.FILES_CHECKED, "29");
        report.assertAttributeEquals(VerificationAttributes.FILES_VERIFIED, "27");
        report.assertAttributeEquals(VerificationAttributes.DEPTH, "DEEP");
        report.assertAttributeEquals(VerificationAttributes.ROOT, "/data/tree");
        report.assertAttributeEquals(VerificationAttributes.TARGET_ROOT, "landing/tree");
        report.assertAttributeEquals("mime.type", "application/x-ndjson");
        report.assertAttributeEquals(VerificationAttributes.STARTED, "2027-05-04T03:02:01.123Z");
        report.assertAttributeEquals(VerificationAttributes.FINISHED, "2027-05-04T03:02:01.123Z");
        report.assertAttributeEquals("filename", "verify-data_tree-" + auditTime.toEpochMilli() + ".jsonl");
        final ProvenanceEventRecord created = runner.getProvenanceEvents().get(0);
        assertEquals(ProvenanceEventType.CREATE, created.getEventType());
        // the detail text, the attributes and the counters tell the same figures, and name the endpoint really used
        final String directories = report.getAttribute(VerificationAttributes.DIRECTORIES_CHECKED);
        final URI sourceUri = ((HdfsSourceService) runner.getControllerService(FusionTestServices.SOURCE_SERVICE_ID)).getFileSystemUri();
        assertEquals("DEEP audit of " + sourceUri + "/data/tree against " + TESTBED.emulator().getEndpoint() + "/" + FILESYSTEM
                + "/landing/tree: 29 files checked, 27 verified; " + directories + " directories checked; 4 differences", created.getDetails());
        assertEquals(1, runner.getCounterValue("Tree Audits"));
        assertEquals(29, runner.getCounterValue("Tree Files Checked"));
        assertEquals(27, runner.getCounterValue("Files Verified"));
        assertEquals(Long.parseLong(directories), runner.getCounterValue("Tree Directories Checked"));
        assertEquals(4, runner.getCounterValue("Tree Differences"));
    }

    @Test
    void treeAuditTriggeredByFlowFileUsesItsPath() throws Exception {
        copied("/data/triggered/a", 10, 200);
        copied("/data/triggered/b", 20, 201);

        runner.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.TREE);
        runner.setProperty(VerifyChecksum.TREE_ROOT, "${hdfs.path}");
        runner.enqueue(new byte[0], Map.of(OperationAttributes.PATH, "/data/triggered"));
        runner.enqueue(new byte[0], Map.of(OperationAttributes.PATH, "/data/not-there"));
        runner.run(2);

        runner.assertTransferCount(VerifyChecksum.REPORT, 1);
        runner.assertTransferCount(VerifyChecksum.ORIGINAL, 1);
        runner.assertTransferCount(VerifyChecksum.FAILURE, 1);
        final MockFlowFile report = runner.getFlowFilesForRelationship(VerifyChecksum.REPORT).get(0);
        report.assertAttributeEquals(VerificationAttributes.FILES_CHECKED, "2");
        report.assertAttributeEquals(VerificationAttributes.DIFFERENCES, "0");
        assertEquals(0, report.getSize());
        runner.getFlowFilesForRelationship(VerifyChecksum.FAILURE).get(0).assertAttributeEquals(OperationAttributes.ERROR_CODE, "SOURCE_PATH_NOT_FOUND");
    }

    @Test
    void anAuditOfAStoppedProcessorEmitsNothingAndKeepsItsTrigger() throws Exception {
        copied("/data/stopped/dir/a", 10, 210);
        runner.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.TREE);
        runner.setProperty(VerifyChecksum.TREE_ROOT, "${hdfs.path}");
        // scheduled and stopped: the handler stays, told to stop before its next directory
        runner.run(1, true, true);
        runner.enqueue(new byte[0], Map.of(OperationAttributes.PATH, "/data/stopped"));
        runner.run(1, false, false);

        runner.assertTransferCount(VerifyChecksum.REPORT, 0);
        runner.assertTransferCount(VerifyChecksum.ORIGINAL, 0);
        runner.assertTransferCount(VerifyChecksum.FAILURE, 0);
        assertEquals(1, runner.getQueueSize().getObjectCount(), "the trigger is back in the queue");
        // the mock session keeps the FORK of the dropped report through a rollback; no event reports an audit
        assertTrue(runner.getProvenanceEvents().stream().allMatch(event -> event.getEventType() == ProvenanceEventType.FORK),
                runner.getProvenanceEvents().toString());
        assertTrue(runner.getLogger().getInfoMessages().stream().anyMatch(message -> message.getMsg().contains("stopped with the processor")),
                runner.getLogger().getInfoMessages().toString());
    }

    @Test
    void verifyNamesEachStep() throws Exception {
        copied("/data/probe/file", 5, 300);
        runner.setProperty(VerifyChecksum.VERIFICATION_SCOPE, VerificationScope.TREE);
        runner.setProperty(VerifyChecksum.TREE_ROOT, "${hdfs.path}");

        final List<ConfigVerificationResult> present = ((VerifiableProcessor) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of(OperationAttributes.PATH, "/data/probe"));
        final List<ConfigVerificationResult> absent = ((VerifiableProcessor) runner.getProcessor())
                .verify(runner.getProcessContext(), runner.getLogger(), Map.of(OperationAttributes.PATH, "/data/nothing-here"));

        assertEquals(List.of(VerificationSetupCheck.STEP_CHECKSUM_CONFIGURATION, VerificationSetupCheck.STEP_READ_SOURCE_ROOT, VerificationSetupCheck.STEP_READ_TARGET_ROOT),
                present.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        for (final ConfigVerificationResult result : present) {
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, result.getOutcome(), result.getExplanation());
        }
        assertEquals(ConfigVerificationResult.Outcome.FAILED, absent.get(1).getOutcome());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, absent.get(2).getOutcome());
    }

    /** Verifies one COPY record of the path on its own and returns it from the one relationship it must reach. */
    private MockFlowFile verifyAlone(final String path, final Relationship expected) {
        runner.clearTransferState();
        enqueueCopy(path, -1, -1);
        runner.run();
        runner.assertAllFlowFilesTransferred(expected, 1);
        return runner.getFlowFilesForRelationship(expected).get(0);
    }

    private void enqueueCopy(final String path, final long length, final long modificationTime) {
        final Map<String, String> attributes = new HashMap<>();
        attributes.put(OperationAttributes.OPERATION, "COPY");
        attributes.put(OperationAttributes.PATH, path);
        if (length >= 0) {
            attributes.put(OperationAttributes.LENGTH, Long.toString(length));
            attributes.put(OperationAttributes.MODIFICATION_TIME, Long.toString(modificationTime));
        }
        runner.enqueue(new byte[0], attributes);
    }

    private MockFlowFile byPath(final Relationship relationship, final String path) {
        return runner.getFlowFilesForRelationship(relationship).stream()
                .filter(flowFile -> path.equals(flowFile.getAttribute(OperationAttributes.PATH)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No FlowFile for " + path + " in " + relationship.getName()));
    }

    private static byte[] copied(final String sourcePath, final int length, final long seed) throws IOException {
        final byte[] bytes = HDFS.writeRandom(sourcePath, length, seed);
        TargetFileWriter.copy(HDFS.getFileSystem(), sourcePath, TESTBED.target(), "landing" + sourcePath.substring("/data".length()));
        return bytes;
    }
}
