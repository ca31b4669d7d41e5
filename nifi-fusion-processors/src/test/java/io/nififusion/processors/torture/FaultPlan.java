package io.nififusion.processors.torture;

import io.nififusion.processors.list.ChangeCaptureMode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which fault happens before which workload step, decided up front from the seed so that the plan is part of what a seed
 * replays. Every run has each cluster fault once (the change stream gap only in inotify mode, which has a stream), and a
 * seeded number of emulator faults; each fault carries its own seed for its details (burst size, matched requests).
 */
final class FaultPlan {
    private static final long PLAN_SALT = 0xFA17_0001L;
    private static final List<FaultKind> EMULATOR_FAULTS = List.of(FaultKind.THROTTLING_BURST, FaultKind.SERVER_ERRORS, FaultKind.RESET_DURING_APPEND,
            FaultKind.LOST_RENAME_ANSWER, FaultKind.LOST_FLUSH_ANSWER, FaultKind.LOST_DELETE_ANSWER, FaultKind.RESET_AFTER_APPLYING, FaultKind.LATENCY);

    /** One fault at one step. */
    record ScheduledFault(int step, FaultKind kind, long seed) {
    }

    private final List<ScheduledFault> faults;

    private FaultPlan(final List<ScheduledFault> faults) {
        this.faults = List.copyOf(faults);
    }

    static FaultPlan plan(final TortureSettings settings) {
        final Random random = new Random(settings.seed() ^ PLAN_SALT);
        final int steps = settings.workloadSteps();
        final List<ScheduledFault> faults = new ArrayList<>();
        final List<FaultKind> clusterFaults = new ArrayList<>(List.of(FaultKind.REPLICATION_NODE_RESTART, FaultKind.REPLICATION_NODE_CRASH,
                FaultKind.LISTING_RESTART, FaultKind.NAMENODE_RESTART));
        if (settings.mode() == ChangeCaptureMode.INOTIFY) {
            clusterFaults.add(FaultKind.CHANGE_STREAM_GAP);
        }
        for (final FaultKind kind : clusterFaults) {
            faults.add(new ScheduledFault(stepBetween(random, steps), kind, random.nextLong()));
        }
        for (int i = 0; i < settings.emulatorFaults(); i++) {
            final FaultKind kind = EMULATOR_FAULTS.get(random.nextInt(EMULATOR_FAULTS.size()));
            faults.add(new ScheduledFault(stepBetween(random, steps), kind, random.nextLong()));
        }
        faults.sort(Comparator.comparingInt(ScheduledFault::step).thenComparing(fault -> fault.kind().ordinal()));
        return new FaultPlan(faults);
    }

    /** The faults planned before the given step. */
    List<ScheduledFault> before(final int step) {
        final List<ScheduledFault> due = new ArrayList<>();
        for (final ScheduledFault fault : faults) {
            if (fault.step() == step) {
                due.add(fault);
            }
        }
        return due;
    }

    List<ScheduledFault> all() {
        return faults;
    }

    /** Faults land in the middle of the workload: after the scan has started, before the source goes quiet. */
    private static int stepBetween(final Random random, final int steps) {
        final int first = Math.min(steps - 1, Math.max(1, steps / 10));
        final int last = Math.max(first + 1, steps - steps / 10);
        return first + random.nextInt(last - first);
    }
}
