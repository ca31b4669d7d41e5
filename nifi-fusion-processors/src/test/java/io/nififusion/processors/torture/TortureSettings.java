package io.nififusion.processors.torture;

import io.nififusion.processors.list.ChangeCaptureMode;

import java.time.Duration;

/**
 * What one torture run does: its seed (which decides every choice of the workload, the fault plan and the record
 * scheduler), the change capture mode, the shape of the simulated NiFi cluster and the bounds in time.
 *
 * @param seed the seed that replays the run
 * @param mode how ListHDFSChanges follows changes
 * @param nodes replication nodes, each with its own services
 * @param tasksPerNode concurrent tasks of ReplicateToADLS on one node
 * @param workloadSteps workload operations (a hostile pattern counts as one)
 * @param maxPauseBetweenSteps longest pause between two operations, so the pipeline runs while the source changes
 * @param emulatorFaults faults of the ADLS emulator in the plan, on top of one of each cluster fault
 * @param timeLimit hard limit for the workload and quiescence; a run that has not converged by then fails
 */
record TortureSettings(long seed, ChangeCaptureMode mode, int nodes, int tasksPerNode, int workloadSteps, Duration maxPauseBetweenSteps,
                       int emulatorFaults, Duration timeLimit) {

    TortureSettings {
        if (nodes < 1 || tasksPerNode < 1 || workloadSteps < 1 || emulatorFaults < 0) {
            throw new IllegalArgumentException("Nodes, tasks and steps must be positive, faults not negative");
        }
        if (mode == ChangeCaptureMode.SCAN_ONLY) {
            throw new IllegalArgumentException("A scan-only listing cannot converge on a changing source");
        }
    }

    /** The CI size: small enough that three seeds finish in minutes on two cores, big enough to hit every pattern and fault. */
    static TortureSettings forCi(final long seed, final ChangeCaptureMode mode) {
        return new TortureSettings(seed, mode, 3, 2, 110, Duration.ofMillis(60), 10, Duration.ofSeconds(150));
    }

    String describe() {
        return "seed " + seed + ", mode " + mode.getValue() + ", " + nodes + " nodes x " + tasksPerNode + " tasks, " + workloadSteps
                + " workload steps, " + emulatorFaults + " emulator faults, time limit " + timeLimit.toSeconds() + " s";
    }
}
