package io.nififusion.processors.torture;

import io.nififusion.core.operation.OperationType;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The faults of a restore torture run, on both sides, planned from the seed before the run: at the emulator 503 bursts
 * with Retry-After, 500s, resets in the middle of a ranged GET's body and latency; at HDFS a NameNode restart and a space
 * quota set and lifted; a restore node stopped mid-restore (its attempt goes to retry with the parts it finished, which
 * another node resumes); and the target copy changed through the forward path (an overwrite, a delete), after which the
 * path's record is delivered once more, as a later listing would.
 */
final class RestoreFaults {
    private static final long PLAN_SALT = 0x2E57_0001L;
    private static final List<FaultKind> EMULATOR_FAULTS = List.of(FaultKind.THROTTLING_BURST, FaultKind.SERVER_ERRORS, FaultKind.RESET_DURING_READ,
            FaultKind.LATENCY);
    private static final int RANDOM_EMULATOR_FAULTS = 5;
    private static final int QUOTA_STEPS = 6;

    /** A version of a target file that a fault deleted: what the restore may have brought back before the delete. */
    record DeletedVersion(long length, long crc32c) {
    }

    private final TortureEnvironment environment;
    private final RestoreCluster cluster;
    private final ForwardReplication forward;
    private final RestoreTortureTree tree;
    private final List<String> changeableFiles;
    private final String quotaDirectory;
    private final Function<String, Map<String, String>> listedRecord;
    private final RecordScheduler scheduler;
    private final EmulatorFaults emulatorFaults;
    private final TortureLog operations;
    private final Map<String, DeletedVersion> deleted = new TreeMap<>();
    private final Set<String> overwritten = new TreeSet<>();
    private final List<String> errors = new ArrayList<>();
    private int quotaLiftStep = -1;
    private int injected;

    RestoreFaults(final TortureEnvironment environment, final RestoreCluster cluster, final ForwardReplication forward, final RestoreTortureTree tree,
                  final List<String> changeableFiles, final String quotaDirectory, final Function<String, Map<String, String>> listedRecord,
                  final RecordScheduler scheduler, final String fileSystem, final TortureLog operations) {
        this.environment = environment;
        this.cluster = cluster;
        this.forward = forward;
        this.tree = tree;
        this.changeableFiles = new ArrayList<>(changeableFiles);
        this.quotaDirectory = quotaDirectory;
        this.listedRecord = listedRecord;
        this.scheduler = scheduler;
        this.emulatorFaults = new EmulatorFaults(environment.emulator(), fileSystem);
        this.operations = operations;
    }

    /**
     * Every cluster fault once (the target changes only where the scenario has a live target to change), a reset of a
     * read, and seeded others, all in the first two thirds of the steps, while the listing still feeds the nodes.
     */
    static List<FaultPlan.ScheduledFault> plan(final long seed, final RestoreScenario scenario, final int steps) {
        final Random random = new Random(seed ^ PLAN_SALT);
        final List<FaultPlan.ScheduledFault> faults = new ArrayList<>();
        // while most restores run: the quota and the stopped node early, the NameNode restart (the slowest) later
        final int third = Math.max(2, steps / 3);
        faults.add(new FaultPlan.ScheduledFault(1 + random.nextInt(third), FaultKind.SPACE_QUOTA, random.nextLong()));
        faults.add(new FaultPlan.ScheduledFault(1 + random.nextInt(third), FaultKind.REPLICATION_NODE_RESTART, random.nextLong()));
        faults.add(new FaultPlan.ScheduledFault(third + random.nextInt(third), FaultKind.NAMENODE_RESTART, random.nextLong()));
        final List<FaultKind> anywhere = new ArrayList<>(List.of(FaultKind.RESET_DURING_READ));
        if (scenario.changesTargetDuringRestore()) {
            anywhere.add(FaultKind.TARGET_OVERWRITE);
            anywhere.add(FaultKind.TARGET_DELETE);
        }
        for (int i = 0; i < RANDOM_EMULATOR_FAULTS; i++) {
            anywhere.add(EMULATOR_FAULTS.get(random.nextInt(EMULATOR_FAULTS.size())));
        }
        for (final FaultKind kind : anywhere) {
            faults.add(new FaultPlan.ScheduledFault(1 + random.nextInt(2 * third), kind, random.nextLong()));
        }
        faults.sort(Comparator.comparingInt(FaultPlan.ScheduledFault::step).thenComparing(fault -> fault.kind().ordinal()));
        return faults;
    }

    void inject(final FaultPlan.ScheduledFault fault, final int step) throws InterruptedException, SourceClusterFailure {
        final Random random = new Random(fault.seed());
        try {
            final String outcome = fault.kind().isEmulatorFault() ? emulatorFaults.inject(fault.kind(), random) : switch (fault.kind()) {
                case NAMENODE_RESTART -> {
                    environment.restartNameNode();
                    yield "NameNode restarted";
                }
                case SPACE_QUOTA -> setQuota(step);
                case REPLICATION_NODE_RESTART -> cluster.stopNodeMidRestore(random.nextInt(cluster.nodeCount()));
                case TARGET_OVERWRITE -> overwrite(random);
                case TARGET_DELETE -> delete(random);
                default -> throw new IllegalStateException("Unhandled fault " + fault.kind());
            };
            injected++;
            operations.add("FAULT " + fault.kind() + " at step " + step + ": " + outcome);
        } catch (final InterruptedException | SourceClusterFailure e) {
            throw e;
        } catch (final Exception e) {
            errors.add(fault.kind() + " at step " + step + " could not be injected: " + e);
            operations.add("FAULT " + fault.kind() + " FAILED: " + e);
        }
    }

    /** Lifts the quota once its steps have passed, or at once when {@code force} (the end of the run). */
    void liftQuotaIfDue(final int step, final boolean force) throws IOException {
        if (quotaLiftStep >= 0 && (force || step >= quotaLiftStep)) {
            environment.fileSystem().setQuota(new Path(quotaDirectory), HdfsConstants.QUOTA_DONT_SET, HdfsConstants.QUOTA_RESET);
            quotaLiftStep = -1;
            operations.add("space quota on " + quotaDirectory + " lifted at step " + step);
        }
    }

    Map<String, DeletedVersion> deleted() {
        return deleted;
    }

    Set<String> overwritten() {
        return overwritten;
    }

    List<String> errors() {
        return errors;
    }

    int injected() {
        return injected;
    }

    private String setQuota(final int step) throws IOException {
        final DistributedFileSystem fileSystem = environment.fileSystem();
        fileSystem.mkdirs(new Path(quotaDirectory));
        final long consumed = fileSystem.getContentSummary(new Path(quotaDirectory)).getSpaceConsumed();
        fileSystem.setQuota(new Path(quotaDirectory), HdfsConstants.QUOTA_DONT_SET, consumed + 1);
        quotaLiftStep = step + QUOTA_STEPS;
        return "space quota of " + (consumed + 1) + " bytes on " + quotaDirectory + " (no new block fits), lifted at step " + quotaLiftStep;
    }

    private String overwrite(final Random random) throws Exception {
        final String file = takeChangeable(random);
        if (quotaLiftStep >= 0 && file.startsWith(quotaDirectory + "/")) {
            // the quota is there to stop the restore's writes, not the writer at the source (restoring to the original paths)
            liftQuotaIfDue(quotaLiftStep, true);
        }
        tree.overwrite(file);
        final String result = forward.apply(OperationType.COPY, file, false);
        overwritten.add(file);
        return "overwrote " + file + " at the source, forward COPY " + result + deliverAgain(file);
    }

    private String delete(final Random random) throws Exception {
        final String file = takeChangeable(random);
        final DistributedFileSystem fileSystem = environment.fileSystem();
        final DeletedVersion version = new DeletedVersion(RestoreTortureTree.length(fileSystem, file), RestoreTortureTree.crc32c(fileSystem, file));
        deleted.put(file, version);
        fileSystem.delete(new Path(file), false);
        final String result = forward.apply(OperationType.DELETE, file, false);
        return "deleted " + file + " (" + version.length() + " bytes) at the source, forward DELETE " + result + deliverAgain(file);
    }

    private String takeChangeable(final Random random) {
        if (changeableFiles.isEmpty()) {
            throw new IllegalStateException("no file left to change");
        }
        return changeableFiles.remove(random.nextInt(changeableFiles.size()));
    }

    /** The record of a changed path once more, as a later listing of the target would deliver it, unless it has not been listed yet. */
    private String deliverAgain(final String file) {
        final Map<String, String> record = listedRecord.apply(file);
        if (record == null) {
            return "; not listed yet, the listing will find the change";
        }
        scheduler.offerListed(record);
        return "; its record delivered again";
    }
}
