package io.nififusion.processors.flow;

import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.flow.ConnectableComponentType;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedPort;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a shipped flow definition the way its connections say, with one nifi-mock runner per processor and the real
 * controller services configured from the flow (each runner gets its own instances, as each NiFi node does). FlowFiles
 * move along the flow's connections, loops included; what reaches an output port is kept for the operator; a
 * relationship neither connected nor auto-terminated is a broken flow and stops the run.
 */
public final class FlowRunner {
    /** A FlowFile that reached an output port. */
    public record PortArrival(String port, Map<String, String> attributes, String content) {
    }

    private final ShippedFlow flow;
    private final Map<String, VersionedProcessor> processors = new LinkedHashMap<>();
    private final Map<String, TestRunner> runners = new LinkedHashMap<>();
    private final Map<String, RetryFlowFileRule> rules = new LinkedHashMap<>();
    private final Map<String, Deque<Map<String, String>>> ruleQueues = new HashMap<>();
    private final Map<String, Boolean> started = new HashMap<>();
    private final Map<String, VersionedPort> ports = new HashMap<>();
    private final List<PortArrival> arrivals = new ArrayList<>();
    private final Map<String, Long> routed = new TreeMap<>();
    private final Map<String, Map<String, String>> lastRouted = new TreeMap<>();

    public FlowRunner(final ShippedFlow flow) throws InitializationException {
        this.flow = flow;
        for (final VersionedPort port : flow.group().getOutputPorts()) {
            ports.put(port.getIdentifier(), port);
        }
        for (final VersionedProcessor processor : flow.group().getProcessors()) {
            processors.put(processor.getIdentifier(), processor);
            final Map<String, String> properties = flow.resolveAll(processor.getProperties());
            if (processor.getType().equals("org.apache.nifi.processors.standard.RetryFlowFile")) {
                rules.put(processor.getIdentifier(), new RetryFlowFileRule(properties));
                ruleQueues.put(processor.getIdentifier(), new ArrayDeque<>());
                continue;
            }
            final TestRunner runner = TestRunners.newTestRunner(instantiate(processor.getType(), Processor.class));
            for (final VersionedControllerService service : flow.group().getControllerServices()) {
                final ControllerService instance = instantiate(service.getType(), ControllerService.class);
                runner.addControllerService(service.getIdentifier(), instance);
                for (final Map.Entry<String, String> property : flow.resolveAll(service.getProperties()).entrySet()) {
                    if (property.getValue() != null) {
                        runner.setProperty(instance, property.getKey(), property.getValue());
                    }
                }
                runner.enableControllerService(instance);
            }
            for (final Map.Entry<String, String> property : properties.entrySet()) {
                if (property.getValue() != null) {
                    runner.setProperty(property.getKey(), property.getValue());
                }
            }
            runner.setIncomingConnection(hasIncomingConnection(processor));
            runners.put(processor.getIdentifier(), runner);
        }
    }

    /** Triggers every processor without an incoming connection once (a listing, a scheduled audit); returns the FlowFiles they emitted. */
    public int triggerSources() {
        int emitted = 0;
        for (final Map.Entry<String, TestRunner> entry : runners.entrySet()) {
            if (!hasIncomingConnection(processors.get(entry.getKey()))) {
                final boolean first = started.putIfAbsent(entry.getKey(), true) == null;
                entry.getValue().run(1, false, first);
                emitted += route(entry.getKey(), entry.getValue());
            }
        }
        return emitted;
    }

    /** Runs the processors with queued input, at most {@code maxTriggers} FlowFiles each round, until no queue holds anything or the rounds are spent. */
    public void drain(final int maxTriggers, final int maxRounds, final Runnable afterRound) {
        for (int round = 0; round < maxRounds && queued() > 0; round++) {
            for (final Map.Entry<String, TestRunner> entry : runners.entrySet()) {
                final TestRunner runner = entry.getValue();
                final int waiting = runner.getQueueSize().getObjectCount();
                if (waiting > 0) {
                    runner.run(Math.min(waiting, maxTriggers));
                    route(entry.getKey(), runner);
                }
            }
            for (final Map.Entry<String, RetryFlowFileRule> rule : rules.entrySet()) {
                final Deque<Map<String, String>> queue = ruleQueues.get(rule.getKey());
                while (!queue.isEmpty()) {
                    final Map<String, String> attributes = queue.poll();
                    deliver(rule.getKey(), rule.getValue().route(attributes), attributes, null);
                }
            }
            afterRound.run();
        }
    }

    public int queued() {
        int queued = 0;
        for (final TestRunner runner : runners.values()) {
            queued += runner.getQueueSize().getObjectCount();
        }
        for (final Deque<Map<String, String>> queue : ruleQueues.values()) {
            queued += queue.size();
        }
        return queued;
    }

    /** The sum of a counter over all processors of the flow. */
    public long counter(final String name) {
        long total = 0;
        for (final TestRunner runner : runners.values()) {
            final Long value = runner.getCounterValue(name);
            total += value == null ? 0 : value;
        }
        return total;
    }

    /** FlowFiles routed, by "processor name / relationship". */
    public Map<String, Long> routed() {
        return routed;
    }

    public long routed(final String processorName, final String relationship) {
        return routed.getOrDefault(processorName + " / " + relationship, 0L);
    }

    /** The attributes of the last FlowFile routed to a relationship, by "processor name / relationship". */
    public Map<String, String> lastRouted(final String processorName, final String relationship) {
        return lastRouted.get(processorName + " / " + relationship);
    }

    public List<PortArrival> arrivals() {
        return arrivals;
    }

    public int processorCount() {
        return processors.size();
    }

    public int serviceCount() {
        return flow.group().getControllerServices().size();
    }

    private int route(final String processorId, final TestRunner runner) {
        int count = 0;
        for (final Relationship relationship : runner.getProcessor().getRelationships()) {
            for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
                final String content = flowFile.getSize() == 0 ? null : new String(flowFile.toByteArray(), StandardCharsets.UTF_8);
                deliver(processorId, relationship.getName(), new HashMap<>(flowFile.getAttributes()), content);
                count++;
            }
        }
        runner.clearTransferState();
        return count;
    }

    private void deliver(final String processorId, final String relationship, final Map<String, String> attributes, final String content) {
        final VersionedProcessor source = processors.get(processorId);
        routed.merge(source.getName() + " / " + relationship, 1L, Long::sum);
        lastRouted.put(source.getName() + " / " + relationship, attributes);
        boolean delivered = false;
        for (final VersionedConnection connection : flow.group().getConnections()) {
            if (!connection.getSource().getId().equals(processorId) || !connection.getSelectedRelationships().contains(relationship)) {
                continue;
            }
            delivered = true;
            final String destination = connection.getDestination().getId();
            if (connection.getDestination().getType() == ConnectableComponentType.OUTPUT_PORT) {
                arrivals.add(new PortArrival(ports.get(destination).getName(), attributes, content));
            } else if (rules.containsKey(destination)) {
                ruleQueues.get(destination).add(RetryFlowFileRule.copy(attributes));
            } else {
                runners.get(destination).enqueue(content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8), attributes);
            }
        }
        if (!delivered && !source.getAutoTerminatedRelationships().contains(relationship)) {
            throw new IllegalStateException(flow.file() + ": " + source.getName() + " routed to " + relationship + ", which is neither connected nor auto-terminated");
        }
    }

    private boolean hasIncomingConnection(final VersionedProcessor processor) {
        for (final VersionedConnection connection : flow.group().getConnections()) {
            if (connection.getDestination().getId().equals(processor.getIdentifier())) {
                return true;
            }
        }
        return false;
    }

    private static <T> T instantiate(final String type, final Class<T> kind) {
        try {
            return Class.forName(type).asSubclass(kind).getDeclaredConstructor().newInstance();
        } catch (final ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + type, e);
        }
    }
}
