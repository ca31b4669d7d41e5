package io.nififusion.processors.torture;

import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the processors of a torture run showed an operator, kept for the secrets scan: every runner that was triggered
 * (its processor's and services' logs are what NiFi turns into log lines and bulletins), the attributes of every
 * FlowFile a trigger transferred and every provenance event a trigger reported. One run at a time per JVM: the run
 * starts it and reads it at the end; the triggers add from any thread.
 */
final class TriggerJournal {
    private static final TriggerJournal CURRENT = new TriggerJournal();

    private final Set<TestRunner> runners = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Map<String, String>> attributes = new ArrayList<>();
    private final List<ProvenanceEventRecord> provenanceEvents = new ArrayList<>();

    private TriggerJournal() {
    }

    static TriggerJournal current() {
        return CURRENT;
    }

    synchronized void clear() {
        runners.clear();
        attributes.clear();
        provenanceEvents.clear();
    }

    synchronized void watch(final TestRunner runner) {
        runners.add(runner);
    }

    synchronized void triggered(final TestRunner runner, final List<MockFlowFile> transferred, final List<ProvenanceEventRecord> events) {
        runners.add(runner);
        for (final MockFlowFile flowFile : transferred) {
            attributes.add(flowFile.getAttributes());
        }
        provenanceEvents.addAll(events);
    }

    synchronized List<TestRunner> runners() {
        return new ArrayList<>(runners);
    }

    synchronized List<Map<String, String>> attributes() {
        return new ArrayList<>(attributes);
    }

    synchronized List<ProvenanceEventRecord> provenanceEvents() {
        return new ArrayList<>(provenanceEvents);
    }
}
