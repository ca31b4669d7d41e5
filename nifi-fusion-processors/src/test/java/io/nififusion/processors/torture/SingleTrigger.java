package io.nififusion.processors.torture;

import org.apache.nifi.components.state.StateManager;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockProcessSession;
import org.apache.nifi.util.SharedSessionState;
import org.apache.nifi.util.TestRunner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One onTrigger of a runner's processor in the calling thread, with a session of its own whose queue holds exactly the
 * given records, as one task of a NiFi node runs it. {@code TestRunner.run} cannot do this: it funnels every thread's
 * output into one shared set of sessions, so with several threads nobody can tell which trigger produced what. Here the
 * processor instance and its context (properties, enabled services, scheduled state) are the runner's and are shared
 * by all tasks of the node, as in NiFi; only the session is per trigger.
 */
final class SingleTrigger {

    /**
     * What one trigger did.
     *
     * @param transferred FlowFiles by relationship, as committed
     * @param returned input records the trigger did not transfer (not taken, or rolled back by a failure): back to the queue
     * @param failure what onTrigger threw, or null
     */
    record Outcome(Map<Relationship, List<MockFlowFile>> transferred, List<MockFlowFile> returned, Throwable failure) {

        List<MockFlowFile> get(final Relationship relationship) {
            return transferred.getOrDefault(relationship, List.of());
        }

        int transferredCount() {
            int count = 0;
            for (final List<MockFlowFile> flowFiles : transferred.values()) {
                count += flowFiles.size();
            }
            return count;
        }
    }

    private SingleTrigger() {
    }

    /** A record to put in a trigger's queue: all attributes copied, no content. */
    static MockFlowFile record(final AtomicLong flowFileIds, final Map<String, String> attributes) {
        final MockFlowFile flowFile = new MockFlowFile(flowFileIds.getAndIncrement());
        flowFile.putAttributes(attributes);
        return flowFile;
    }

    static Outcome run(final TestRunner runner, final List<MockFlowFile> input, final AtomicLong flowFileIds, final StateManager stateManager) {
        final Processor processor = runner.getProcessor();
        final SharedSessionState sessionState = new SharedSessionState(processor, flowFileIds);
        for (final MockFlowFile flowFile : input) {
            sessionState.getFlowFileQueue().offer(flowFile);
        }
        final MockProcessSession.Builder builder = MockProcessSession.builder(sessionState, processor);
        if (stateManager != null) {
            builder.stateManager(stateManager);
        }
        final MockProcessSession session = builder.build();
        Throwable failure = null;
        try {
            // AbstractProcessor commits the session, or rolls it back and rethrows
            processor.onTrigger(runner.getProcessContext(), () -> session);
        } catch (final Throwable t) {
            failure = t;
        }
        final Map<Relationship, List<MockFlowFile>> transferred = new HashMap<>();
        final Set<Long> transferredIds = new HashSet<>();
        for (final Relationship relationship : processor.getRelationships()) {
            final List<MockFlowFile> flowFiles = new ArrayList<>(session.getFlowFilesForRelationship(relationship));
            if (!flowFiles.isEmpty()) {
                transferred.put(relationship, flowFiles);
                for (final MockFlowFile flowFile : flowFiles) {
                    transferredIds.add(flowFile.getId());
                }
            }
        }
        final List<MockFlowFile> allTransferred = new ArrayList<>();
        transferred.values().forEach(allTransferred::addAll);
        TriggerJournal.current().triggered(runner, allTransferred, sessionState.getProvenanceEvents());
        final List<MockFlowFile> returned = new ArrayList<>();
        for (final MockFlowFile flowFile : input) {
            if (!transferredIds.contains(flowFile.getId())) {
                returned.add(flowFile);
            }
        }
        return new Outcome(transferred, returned, failure);
    }
}
