package io.nififusion.processors.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Carries out the planned faults, from the workload's thread, between two workload steps: emulator faults as injector
 * rules, restarts of nodes, of the listing and of the NameNode, and a change stream gap (the listing paused while the
 * workload goes on, the edit log purged, the listing resumed).
 */
final class TortureFaults {
    private final TortureEnvironment environment;
    private final SimulatedCluster cluster;
    private final EmulatorFaults emulatorFaults;
    private final TortureLog operations;
    private final List<String> errors = new ArrayList<>();
    private int injected;
    private int skipped;

    TortureFaults(final TortureEnvironment environment, final SimulatedCluster cluster, final TortureLayout layout, final TortureLog operations) {
        this.environment = environment;
        this.cluster = cluster;
        this.emulatorFaults = new EmulatorFaults(environment.emulator(), layout.fileSystem());
        this.operations = operations;
    }

    /**
     * @param step the workload step about to run
     * @return the workload step to run next (a gap runs workload steps itself)
     */
    int inject(final FaultPlan.ScheduledFault fault, final TortureWorkload workload, final int step) throws InterruptedException, SourceClusterFailure {
        final Random random = new Random(fault.seed());
        int next = step;
        try {
            final String outcome;
            if (fault.kind().isEmulatorFault()) {
                outcome = emulatorFaults.inject(fault.kind(), random);
            } else {
                outcome = switch (fault.kind()) {
                    case REPLICATION_NODE_RESTART -> cluster.restartNode(random.nextInt(cluster.nodeCount()), false);
                    case REPLICATION_NODE_CRASH -> cluster.restartNode(random.nextInt(cluster.nodeCount()), true);
                    case LISTING_RESTART -> cluster.restartListing();
                    case NAMENODE_RESTART -> {
                        environment.restartNameNode();
                        yield "NameNode restarted";
                    }
                    case CHANGE_STREAM_GAP -> {
                        final int unread = changeStreamGap(workload, step, 3 + random.nextInt(4));
                        next = step + Math.max(0, unread);
                        yield unread < 0 ? "listing did not pause: no gap" : "edit log purged behind the paused listing (" + unread
                                + " workload steps unread), listing resumed";
                    }
                    default -> throw new IllegalStateException("Unhandled fault " + fault.kind());
                };
            }
            if (outcome == null) {
                skipped++;
                operations.add("FAULT " + fault.kind() + " skipped: this branch's emulator cannot inject it");
            } else {
                injected++;
                operations.add("FAULT " + fault.kind() + ": " + outcome);
            }
        } catch (final InterruptedException | SourceClusterFailure e) {
            throw e;
        } catch (final Exception e) {
            errors.add(fault.kind() + " before step " + step + " could not be injected: " + e);
            operations.add("FAULT " + fault.kind() + " FAILED: " + e);
        }
        return next;
    }

    int injected() {
        return injected;
    }

    int skipped() {
        return skipped;
    }

    /** Faults that failed to happen: a broken experiment, reported as a failure of the run. */
    List<String> errors() {
        return errors;
    }

    /** @return the workload steps run while the listing was paused, or -1 when it did not pause */
    private int changeStreamGap(final TortureWorkload workload, final int step, final int changes) throws Exception {
        if (!cluster.listing().pause()) {
            return -1;
        }
        try {
            operations.add("FAULT CHANGE_STREAM_GAP: listing paused for " + changes + " workload steps it will not read");
            for (int i = 0; i < changes; i++) {
                workload.step(step + i);
            }
            environment.purgeEditLog();
        } finally {
            cluster.listing().resume();
        }
        return changes;
    }
}
