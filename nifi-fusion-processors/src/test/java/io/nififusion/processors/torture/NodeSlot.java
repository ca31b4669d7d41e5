package io.nififusion.processors.torture;

import java.util.ArrayList;
import java.util.List;

/**
 * A place in the cluster for one node: the node running there now (a restart puts a new instance in), its task
 * threads, and the queue into its VerifyChecksum, which outlives restarts.
 */
final class NodeSlot {
    private final int index;
    private final VerificationQueue verifications = new VerificationQueue();
    private final List<Thread> tasks = new ArrayList<>();
    private ReplicationNode node;
    private int generation;

    NodeSlot(final int index) {
        this.index = index;
    }

    int index() {
        return index;
    }

    VerificationQueue verifications() {
        return verifications;
    }

    synchronized ReplicationNode node() {
        return node;
    }

    /** The name of the next node to run here: node-2.1 is the first instance of node 2, node-2.2 the one after a restart. */
    synchronized String nextNodeName() {
        return "node-" + index + "." + (generation + 1);
    }

    synchronized void install(final ReplicationNode newNode, final List<Thread> newTasks) {
        node = newNode;
        generation++;
        tasks.clear();
        tasks.addAll(newTasks);
    }

    synchronized List<Thread> tasks() {
        return new ArrayList<>(tasks);
    }
}
