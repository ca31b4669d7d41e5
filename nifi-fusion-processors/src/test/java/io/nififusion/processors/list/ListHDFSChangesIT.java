package io.nififusion.processors.list;

import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.listing.ListingState;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.services.target.StandardFusionTargetService;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import io.nififusion.testkit.time.SettableClock;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.processor.VerifiableProcessor;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListHDFSChangesIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();

    @TempDir
    static java.nio.file.Path configurationDirectory;

    private static final ExclusionFilter DEFAULT_EXCLUSIONS = ExclusionFilter.parse(ExclusionFilter.DEFAULT_EXCLUSIONS);
    private static final String LONG_NAME = "long-" + "x".repeat(240);
    private static final String UNICODE_NAME = "d\u00e9j\u00e0 vu \u6587\u4ef6 \uD83D\uDE00.txt";

    private static String configurationFile;

    @BeforeAll
    static void writeConfiguration() throws IOException {
        configurationFile = HDFS.writeClientConfiguration(configurationDirectory).toString();
    }

    private static DistributedFileSystem fs() {
        return HDFS.getFileSystem();
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean has(final List<ReplicationOperation> operations, final OperationType type, final String path) {
        for (final ReplicationOperation operation : operations) {
            if (operation.type() == type && operation.path().equals(path)) {
                return true;
            }
        }
        return false;
    }

    private static ReplicationOperation find(final List<ReplicationOperation> operations, final OperationType type, final String path) {
        for (final ReplicationOperation operation : operations) {
            if (operation.type() == type && operation.path().equals(path)) {
                return operation;
            }
        }
        throw new AssertionError("No " + type + " " + path + " in " + operations);
    }

    private static void awaitClosed(final String path) throws IOException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!fs().isFileClosed(new Path(path))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not close within 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + path + " to close", e);
            }
        }
    }

    private static void assertConverges(final List<ReplicationOperation> operations, final String root) throws IOException {
        final TargetTreeModel target = new TargetTreeModel(fs(), DEFAULT_EXCLUSIONS);
        target.applyAll(operations);
        assertEquals(TargetTreeModel.sourceTree(fs(), root, DEFAULT_EXCLUSIONS), target.getEntries());
    }

    @Test
    void initialScanEmitsEveryDirectoryAndFileWithItsStatus() throws IOException {
        HDFS.write("/scan/a/one.csv", bytes("12345"));
        HDFS.write("/scan/a/with space %25 #hash", bytes("x"));
        HDFS.write("/scan/b/" + UNICODE_NAME, bytes("unicode"));
        HDFS.write("/scan/b/" + LONG_NAME, bytes("long"));
        HDFS.write("/scan/a/_temporary/0/part-0", bytes("scratch"));
        HDFS.write("/scan/a/.part-1.tmp", bytes("hidden"));
        HDFS.chmod("/scan/a/one.csv", (short) 0640);

        final TestRunner runner = ListingRunners.newRunner(configurationFile, "/scan");
        runner.setProperty(ListHDFSChanges.CHANGE_CAPTURE_MODE, ChangeCaptureMode.SCAN_ONLY.getValue());
        runner.run(1, true, true);
        final List<MockFlowFile> flowFiles = ListingRunners.takeFlowFiles(runner);
        final List<String> described = new ArrayList<>();
        for (final MockFlowFile flowFile : flowFiles) {
            described.add(flowFile.getAttribute("fusion.op") + " " + flowFile.getAttribute("hdfs.path"));
            assertEquals("scan", flowFile.getAttribute("fusion.source"));
            assertEquals(null, flowFile.getAttribute("fusion.target.path"));
        }
        assertEquals(List.of("MKDIR /scan", "MKDIR /scan/a", "COPY /scan/a/one.csv", "COPY /scan/a/with space %25 #hash",
                "MKDIR /scan/b", "COPY /scan/b/" + UNICODE_NAME, "COPY /scan/b/" + LONG_NAME, "PRUNE /scan"), described);
        final MockFlowFile copy = flowFiles.get(2);
        copy.assertAttributeEquals("hdfs.length", "5");
        copy.assertAttributeEquals("hdfs.permission", "640");
        copy.assertAttributeEquals("hdfs.directory", "false");
        copy.assertAttributeEquals("fusion.sequence", "3");
        assertTrue(Long.parseLong(copy.getAttribute("hdfs.fileid")) > 0);
        assertEquals(fs().getFileStatus(new Path("/scan/a/one.csv")).getOwner(), copy.getAttribute("hdfs.owner"));
        assertEquals(7L, runner.getCounterValue("COPY records") + runner.getCounterValue("MKDIR records"));
        assertEquals("", ListingRunners.state(runner).get(ListingState.SCAN_CURSOR));

        // scan-only stops after the scan
        assertTrue(ListingRunners.run(runner, 2).isEmpty());
    }

    @Test
    void everyEventTypeMapsToItsRecord() throws Exception {
        HDFS.mkdirs("/events");
        HDFS.write("/events/log.txt", bytes("first"));
        HDFS.write("/events/doomed", bytes("d"));
        HDFS.write("/events/trunc", new byte[100]);
        HDFS.write("/events/dir/a", bytes("a"));
        HDFS.write("/events/dir/b", bytes("b"));
        HDFS.write("/events/meta", bytes("m"));
        HDFS.write("/outside/tree/x", bytes("x"));
        HDFS.write("/outside/tree/sub/y", bytes("y"));
        final TestRunner runner = ListingRunners.newRunner(configurationFile, "/events");
        final List<ReplicationOperation> records = new ArrayList<>(ListingRunners.runUntilQuiet(runner));
        assertEquals(9, records.size(), "initial scan and its prune: " + records);
        assertEquals(OperationType.PRUNE, records.get(8).type());

        HDFS.write("/events/new file %#.txt", bytes("created"));
        HDFS.append("/events/log.txt", bytes(" and appended"));
        HDFS.mkdirs("/events/made");
        HDFS.delete("/events/doomed");
        HDFS.rename("/events/dir", "/events/moved dir");
        HDFS.write("/events/" + UNICODE_NAME, bytes("u"));
        HDFS.rename("/events/" + UNICODE_NAME, "/events/" + LONG_NAME);
        HDFS.rename("/outside/tree", "/events/arrived");
        HDFS.rename("/events/moved dir/a", "/outside/a");
        HDFS.chmod("/events/meta", (short) 0600);
        fs().setOwner(new Path("/events/meta"), "hive", "etl");
        fs().setTimes(new Path("/events/meta"), 1_700_000_000_000L, -1);
        fs().setReplication(new Path("/events/meta"), (short) 1);
        if (!fs().truncate(new Path("/events/trunc"), 10)) {
            // a truncate inside a block recovers the last block before the file closes again; the model below reads the
            // file as the records are applied, so it must see the truncated length, as the listing's record does
            awaitClosed("/events/trunc");
        }
        HDFS.write("/events/_temporary/0/part-0", bytes("scratch"));
        HDFS.write("/events/upload.csv._COPYING_", bytes("uploaded"));
        HDFS.rename("/events/upload.csv._COPYING_", "/events/upload.csv");

        final List<ReplicationOperation> changes = ListingRunners.runUntilQuiet(runner);
        records.addAll(changes);

        assertEquals(7L, find(changes, OperationType.COPY, "/events/new file %#.txt").length());
        assertEquals(ChangeSource.INOTIFY, find(changes, OperationType.COPY, "/events/new file %#.txt").changeSource());
        assertEquals(18L, find(changes, OperationType.COPY, "/events/log.txt").length());
        assertTrue(find(changes, OperationType.MKDIR, "/events/made").directory());
        assertTrue(has(changes, OperationType.DELETE, "/events/doomed"));
        final ReplicationOperation directoryRename = find(changes, OperationType.RENAME, "/events/moved dir");
        assertEquals("/events/dir", directoryRename.sourcePath());
        assertTrue(directoryRename.directory());
        assertFalse(has(changes, OperationType.RENAME, "/events/moved dir/b"), "one record for a directory rename, not one per child");
        assertEquals("/events/" + UNICODE_NAME, find(changes, OperationType.RENAME, "/events/" + LONG_NAME).sourcePath());
        // a tree renamed in from outside is one record whatever its size: applying it reconciles the tree
        assertTrue(has(changes, OperationType.RECONCILE, "/events/arrived"));
        assertFalse(has(changes, OperationType.COPY, "/events/arrived/x"));
        assertTrue(has(changes, OperationType.DELETE, "/events/moved dir/a"));
        final List<ReplicationOperation> metadata = changes.stream().filter(operation -> operation.type() == OperationType.METADATA).toList();
        assertTrue(metadata.stream().anyMatch(operation -> "600".equals(operation.permission())), metadata.toString());
        assertTrue(metadata.stream().anyMatch(operation -> "hive".equals(operation.owner()) && "etl".equals(operation.group())), metadata.toString());
        assertTrue(metadata.stream().anyMatch(operation -> operation.modificationTime() == 1_700_000_000_000L), metadata.toString());
        assertEquals(10L, find(changes, OperationType.COPY, "/events/trunc").length());
        assertTrue(has(changes, OperationType.RECONCILE, "/events/upload.csv"));
        for (final ReplicationOperation operation : changes) {
            assertFalse(operation.path().contains("_temporary") || operation.path().contains("_COPYING_"), operation.toString());
            assertFalse(operation.path().startsWith("/outside"), operation.toString());
        }
        assertTrue(runner.getCounterValue("RENAME records") >= 2);
        assertConverges(records, "/events");
    }

    @Test
    void inotifyRecordsCarrySequenceTransactionAndLag() throws IOException {
        HDFS.mkdirs("/lag");
        final TestRunner runner = ListingRunners.newRunner(configurationFile, "/lag");
        ListingRunners.runUntilQuiet(runner);
        final long sequenceBefore = Long.parseLong(ListingRunners.state(runner).get(ListingState.SEQUENCE));
        for (int i = 0; i < 5; i++) {
            HDFS.write("/lag/f" + i, bytes("x"));
        }
        runner.run(1, true, true);
        final List<MockFlowFile> flowFiles = ListingRunners.takeFlowFiles(runner);
        assertEquals(5, flowFiles.size());
        long previousTransaction = 0;
        for (int i = 0; i < flowFiles.size(); i++) {
            final MockFlowFile flowFile = flowFiles.get(i);
            flowFile.assertAttributeEquals("fusion.sequence", Long.toString(sequenceBefore + i + 1));
            flowFile.assertAttributeEquals("fusion.source", "inotify");
            assertTrue(Long.parseLong(flowFile.getAttribute("hdfs.txid.behind")) >= 0);
            final long transaction = Long.parseLong(flowFile.getAttribute("hdfs.txid"));
            assertTrue(transaction > previousTransaction);
            previousTransaction = transaction;
        }
        assertEquals(Long.toString(previousTransaction), ListingRunners.state(runner).get(ListingState.TRANSACTION_ID));
        assertFalse(runner.getGaugeValues(ListHDFSChanges.GAUGE_TRANSACTIONS_BEHIND).isEmpty());
    }

    @Test
    void recordsOfOneRunAreCoalesced() throws IOException {
        HDFS.mkdirs("/coalesce");
        final TestRunner runner = ListingRunners.newRunner(configurationFile, "/coalesce");
        ListingRunners.runUntilQuiet(runner);

        HDFS.write("/coalesce/grown", bytes("1"));
        HDFS.append("/coalesce/grown", bytes("2"));
        HDFS.append("/coalesce/grown", bytes("3"));
        HDFS.write("/coalesce/short-lived", bytes("x"));
        HDFS.chmod("/coalesce/short-lived", (short) 0600);
        HDFS.delete("/coalesce/short-lived");
        HDFS.mkdirs("/coalesce/tmpdir/sub");
        HDFS.write("/coalesce/tmpdir/sub/f", bytes("x"));
        HDFS.delete("/coalesce/tmpdir");

        final List<ReplicationOperation> changes = ListingRunners.run(runner, 1);
        final List<String> described = new ArrayList<>();
        for (final ReplicationOperation operation : changes) {
            described.add(operation.type() + " " + operation.path());
        }
        assertEquals(List.of("COPY /coalesce/grown", "DELETE /coalesce/short-lived", "DELETE /coalesce/tmpdir"), described);
        assertEquals(3L, changes.getFirst().length());
    }

    @Test
    void changesDuringASlowScanAreCovered() throws IOException {
        for (int directory = 0; directory < 4; directory++) {
            for (int file = 0; file < 20; file++) {
                HDFS.write("/busy/d" + directory + "/nested/f" + file, bytes("v0-" + file));
            }
        }
        final TestRunner runner = ListingRunners.newRunner(configurationFile, "/busy");
        runner.setProperty(ListHDFSChanges.MAX_RECORDS_PER_TRIGGER, "5");
        final Random random = new Random(42);
        final List<ReplicationOperation> records = new ArrayList<>();
        int step = 0;
        while (step == 0 || !ListingRunners.state(runner).get(ListingState.SCAN_CURSOR).isEmpty()) {
            records.addAll(ListingRunners.run(runner, 1));
            mutate(random, step++);
        }
        assertTrue(step > 10, "the scan should have taken many runs, took " + step);
        records.addAll(ListingRunners.runUntilQuiet(runner));
        assertConverges(records, "/busy");
    }

    private static void mutate(final Random random, final int step) throws IOException {
        final String directory = "/busy/d" + random.nextInt(4) + "/nested";
        if (!fs().exists(new Path(directory))) {
            return;
        }
        switch (step % 6) {
            case 0 -> HDFS.write(directory + "/new-" + step, bytes("new"));
            case 1 -> {
                final Path victim = new Path(directory + "/f" + random.nextInt(20));
                if (fs().exists(victim)) {
                    HDFS.append(victim.toUri().getPath(), bytes("+more"));
                }
            }
            case 2 -> HDFS.delete(directory + "/f" + random.nextInt(20));
            case 3 -> {
                final Path victim = new Path(directory + "/f" + random.nextInt(20));
                if (fs().exists(victim)) {
                    HDFS.rename(victim.toUri().getPath(), directory + "/renamed-" + step);
                }
            }
            case 4 -> {
                // a directory renamed while it may be half listed, to a name listed before or after it
                final String parent = directory.substring(0, directory.lastIndexOf('/'));
                final String newName = "/busy/" + (random.nextBoolean() ? "a" : "z") + step;
                if (fs().exists(new Path(parent))) {
                    HDFS.rename(parent, newName);
                    HDFS.rename(newName, parent);
                    HDFS.rename(parent, newName);
                }
            }
            default -> HDFS.mkdirs(directory + "/sub-" + step);
        }
    }

    @Test
    void aNewInstanceResumesTheScanAndTheStreamFromState() throws IOException {
        for (int directory = 0; directory < 3; directory++) {
            for (int file = 0; file < 10; file++) {
                HDFS.write("/restart/d" + directory + "/f" + file, bytes("x"));
            }
        }
        final TestRunner first = ListingRunners.newRunner(configurationFile, "/restart");
        first.setProperty(ListHDFSChanges.MAX_RECORDS_PER_TRIGGER, "5");
        final List<ReplicationOperation> before = ListingRunners.run(first, 3);
        assertEquals(15, before.size());
        final Map<String, String> saved = ListingRunners.state(first);
        assertFalse(saved.get(ListingState.SCAN_CURSOR).isEmpty());

        HDFS.write("/restart/d0/late", bytes("late"));
        HDFS.delete("/restart/d2/f3");
        HDFS.write("/restart/d1/f0", bytes("rewritten"));

        final TestRunner second = ListingRunners.newRunner(configurationFile, "/restart");
        second.setProperty(ListHDFSChanges.MAX_RECORDS_PER_TRIGGER, "5");
        second.getStateManager().setState(saved, Scope.CLUSTER);
        second.run(1, true, true);
        final List<MockFlowFile> firstOfSecond = ListingRunners.takeFlowFiles(second);
        firstOfSecond.getFirst().assertAttributeEquals("fusion.sequence", "16");
        final List<ReplicationOperation> after = new ArrayList<>();
        for (final MockFlowFile flowFile : firstOfSecond) {
            after.add(ReplicationOperation.fromAttributes(flowFile.getAttributes()));
        }
        after.addAll(ListingRunners.runUntilQuiet(second));

        final Set<String> scannedBefore = new HashSet<>();
        for (final ReplicationOperation operation : before) {
            scannedBefore.add(operation.path());
        }
        for (final ReplicationOperation operation : after) {
            if (operation.changeSource() == ChangeSource.SCAN && operation.type() != OperationType.PRUNE) {
                assertFalse(scannedBefore.contains(operation.path()), "scanned twice: " + operation.path());
            }
        }
        assertTrue(has(after, OperationType.DELETE, "/restart/d2/f3"));
        assertTrue(has(after, OperationType.COPY, "/restart/d0/late"));
        final List<ReplicationOperation> all = new ArrayList<>(before);
        all.addAll(after);
        assertConverges(all, "/restart");
    }

    @Test
    void fileHeldOpenIsCopiedOnCloseAndReportedWhenOpenTooLong() throws Exception {
        HDFS.mkdirs("/open");
        final SettableClock clock = new SettableClock(Instant.now());
        final TestRunner runner = ListingRunners.newRunner(clock, configurationFile, "/open");
        runner.setProperty(ListHDFSChanges.MAX_OPEN_DURATION, "1 hour");
        runner.setProperty(ListHDFSChanges.OPEN_FILE_POLICY, OpenFilePolicy.REPORT_AND_COPY.getValue());
        ListingRunners.runUntilQuiet(runner);
        try (FSDataOutputStream out = fs().create(new Path("/open/slow.log"))) {
            out.write(bytes("part one"));
            out.hflush();
            runner.run(1, false, true);
            assertTrue(ListingRunners.takeFlowFiles(runner).isEmpty(), "an open file is not copied while it is within Max Open Duration");
            assertNull(runner.getCounterValue(ListHDFSChanges.COUNTER_OPEN_FILES));
            clock.advance(Duration.ofHours(2));
            runner.run(1, false, false);
            final List<MockFlowFile> whileOpen = ListingRunners.takeFlowFiles(runner);
            assertEquals(1, whileOpen.size());
            whileOpen.getFirst().assertAttributeEquals("hdfs.open.file", "true");
            assertTrue(runner.getLogger().getWarnMessages().stream().anyMatch(message -> message.getMsg().contains("/open/slow.log")));
            assertEquals(1L, runner.getCounterValue(ListHDFSChanges.COUNTER_OPEN_FILES));
            out.write(bytes(" and two"));
        }
        runner.run(1, true, false);
        final List<ReplicationOperation> afterClose = ListingRunners.take(runner);
        assertEquals(16L, find(afterClose, OperationType.COPY, "/open/slow.log").length());
    }

    @Test
    void followingTheChangeStreamCreatesNoFileSystemOfItsOwn() throws Exception {
        HDFS.mkdirs("/no-leak");
        final java.nio.file.Path counting = configurationDirectory.resolve("counting-site.xml");
        Files.writeString(counting, "<?xml version=\"1.0\"?><configuration>"
                + "<property><name>fs.hdfs.impl</name><value>" + InstanceCountingFileSystem.class.getName() + "</value></property>"
                + "<property><name>" + InstanceCountingFileSystem.TAG + "</name><value>no-leak</value></property></configuration>");
        final TestRunner runner = ListingRunners.newRunner(configurationFile + "," + counting, "/no-leak");
        assertEquals(1, InstanceCountingFileSystem.open("no-leak"), "the source service's own file system");

        final List<ReplicationOperation> records = new ArrayList<>(ListingRunners.runUntilQuiet(runner));
        for (int schedule = 0; schedule < 3; schedule++) {
            HDFS.write("/no-leak/f" + schedule, bytes("x"));
            records.addAll(ListingRunners.run(runner, 2));
            assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, verify(runner).get(1).getOutcome());
        }
        assertTrue(has(records, OperationType.COPY, "/no-leak/f2") && find(records, OperationType.COPY, "/no-leak/f2").changeSource() == ChangeSource.INOTIFY,
                records.toString());
        assertEquals(1, InstanceCountingFileSystem.created("no-leak"), "schedules and Verify runs read the change stream through the service's file system");

        runner.disableControllerService(runner.getControllerService(ListingRunners.SERVICE_ID));
        assertEquals(0, InstanceCountingFileSystem.open("no-leak"), "disabling the service closes every file system the listing used");
    }

    @Test
    void verifyReportsRootsAndWhetherInotifyIsPermitted() throws IOException {
        HDFS.mkdirs("/verified");
        final TestRunner superuser = ListingRunners.newRunner(configurationFile, "/verified");
        final List<ConfigVerificationResult> permitted = verify(superuser);
        assertEquals(List.of(ListHDFSChanges.STEP_LIST_ROOTS, ListHDFSChanges.STEP_CHANGE_CAPTURE),
                permitted.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, permitted.get(0).getOutcome(), permitted.get(0).getExplanation());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, permitted.get(1).getOutcome(), permitted.get(1).getExplanation());
        assertTrue(permitted.get(1).getExplanation().contains("inotify is permitted"), permitted.get(1).getExplanation());

        superuser.setProperty(ListHDFSChanges.SOURCE_ROOTS, "/verified,/missing-root");
        final List<ConfigVerificationResult> missing = verify(superuser);
        assertEquals(ListHDFSChanges.STEP_LIST_ROOTS, missing.get(0).getVerificationStepName());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, missing.get(0).getOutcome());
        assertTrue(missing.get(0).getExplanation().contains("/missing-root does not exist"), missing.get(0).getExplanation());
        assertEquals(ConfigVerificationResult.Outcome.SKIPPED, missing.get(1).getOutcome(), missing.get(1).getExplanation());
        assertTrue(missing.get(1).getExplanation().contains("source roots that can be listed"), missing.get(1).getExplanation());

        fs().setPermission(new Path("/verified"), new FsPermission((short) 0755));
        final TestRunner ordinaryUser = ListingRunners.newRunner(configurationFile, "/verified", "alice");
        final List<ConfigVerificationResult> denied = verify(ordinaryUser);
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, denied.get(0).getOutcome(), denied.get(0).getExplanation());
        assertEquals(ListHDFSChanges.STEP_CHANGE_CAPTURE, denied.get(1).getVerificationStepName());
        assertEquals(ConfigVerificationResult.Outcome.FAILED, denied.get(1).getOutcome());
        assertTrue(denied.get(1).getExplanation().contains("snapshot-diff"), denied.get(1).getExplanation());
        assertTrue(denied.get(1).getExplanation().contains("user alice"), denied.get(1).getExplanation());
        assertTrue(denied.get(1).getExplanation().contains("scan-only works"), denied.get(1).getExplanation());

        // scan-only needs nothing beyond listing the roots: no step that cannot fail
        ordinaryUser.setProperty(ListHDFSChanges.CHANGE_CAPTURE_MODE, ChangeCaptureMode.SCAN_ONLY.getValue());
        final List<ConfigVerificationResult> scanOnly = verify(ordinaryUser);
        assertEquals(List.of(ListHDFSChanges.STEP_LIST_ROOTS), scanOnly.stream().map(ConfigVerificationResult::getVerificationStepName).toList());
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, scanOnly.get(0).getOutcome(), scanOnly.get(0).getExplanation());
    }

    @Test
    void verifyChecksTheRootsAgainstTheTargetServiceMapping() throws Exception {
        HDFS.mkdirs("/data/mapped");
        HDFS.mkdirs("/unmapped");
        final TestRunner runner = ListingRunners.newRunner(configurationFile, "/data/mapped");
        final StandardFusionTargetService target = FusionTestServices.addOfflineTarget(runner, "target", "/data", "migrated");
        runner.setProperty(ListHDFSChanges.FUSION_TARGET_SERVICE, "target");

        final ConfigVerificationResult within = stepOf(verify(runner), ListHDFSChanges.STEP_TARGET_MAPPING);
        assertEquals(ConfigVerificationResult.Outcome.SUCCESSFUL, within.getOutcome(), within.getExplanation());
        assertTrue(within.getExplanation().contains("within /data") && within.getExplanation().contains("migrated"), within.getExplanation());

        runner.setProperty(ListHDFSChanges.SOURCE_ROOTS, "/data/mapped,/unmapped");
        final ConfigVerificationResult outside = stepOf(verify(runner), ListHDFSChanges.STEP_TARGET_MAPPING);
        assertEquals(ConfigVerificationResult.Outcome.FAILED, outside.getOutcome());
        assertTrue(outside.getExplanation().contains("Source Root /unmapped is outside the Source Root /data"), outside.getExplanation());
        assertFalse(outside.getExplanation().contains("/data/mapped is outside"), outside.getExplanation());

        runner.disableControllerService(target);
        final ConfigVerificationResult disabled = stepOf(verify(runner), ListHDFSChanges.STEP_TARGET_MAPPING);
        assertEquals(ConfigVerificationResult.Outcome.FAILED, disabled.getOutcome(), disabled.getExplanation());
    }

    private static ConfigVerificationResult stepOf(final List<ConfigVerificationResult> results, final String step) {
        return results.stream().filter(result -> result.getVerificationStepName().equals(step)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + step + " in " + results));
    }

    private static List<ConfigVerificationResult> verify(final TestRunner runner) {
        return ((VerifiableProcessor) runner.getProcessor()).verify(runner.getProcessContext(), runner.getLogger(), Map.of());
    }

    @Test
    void badConfigurationIsInvalid() {
        final TestRunner runner = ListingRunners.newRunner(configurationFile, "data/relative");
        runner.assertNotValid();
        runner.setProperty(ListHDFSChanges.SOURCE_ROOTS, "/data,/data/inner");
        runner.assertNotValid();
        runner.setProperty(ListHDFSChanges.SOURCE_ROOTS, "/data");
        runner.assertValid();
        runner.setProperty(ListHDFSChanges.EXCLUSIONS, "regex:/data/(unclosed");
        runner.assertNotValid();
        runner.setProperty(ListHDFSChanges.EXCLUSIONS, "[abc");
        runner.assertNotValid();
        runner.setProperty(ListHDFSChanges.EXCLUSIONS, "*.bak,regex:.*/staging/.*");
        runner.assertValid();
        runner.setProperty(ListHDFSChanges.MAX_RECORDS_PER_TRIGGER, "0");
        runner.assertNotValid();
    }

    @Test
    void aListingWithoutInitialScanSavesItsStartBeforeAnyChangeSoARestartMissesNothing() throws IOException {
        HDFS.mkdirs("/quiet-start");
        final TestRunner first = ListingRunners.newRunner(configurationFile, "/quiet-start");
        first.setProperty(ListHDFSChanges.INITIAL_SCAN, "false");
        assertTrue(ListingRunners.run(first, 1).isEmpty(), "nothing to list yet");
        final Map<String, String> saved = ListingRunners.state(first);
        final long start = ListingState.fromMap(saved).transactionId();
        assertTrue(start >= 0, "the start of the change stream is saved by the first run, which found nothing: " + saved);

        // a change while the primary node is restarting, picked up by a new listing from the saved state
        HDFS.write("/quiet-start/written-during-restart.csv", bytes("late"));
        final TestRunner restarted = ListingRunners.newRunner(configurationFile, "/quiet-start");
        restarted.setProperty(ListHDFSChanges.INITIAL_SCAN, "false");
        restarted.getStateManager().setState(saved, Scope.CLUSTER);
        final List<ReplicationOperation> emitted = ListingRunners.runUntilQuiet(restarted);
        assertTrue(has(emitted, OperationType.COPY, "/quiet-start/written-during-restart.csv"), "the change is listed after the restart: " + emitted);
    }
}
