package io.nififusion.processors.torture;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.util.ControllerServiceConfiguration;
import org.apache.nifi.util.LogMessage;
import org.apache.nifi.util.MockComponentLog;
import org.apache.nifi.util.MockProcessContext;
import org.apache.nifi.util.TestRunner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks for the value of every sensitive property of the run's services (account key, SAS token, license key, and any
 * other secret the services were given) in everything an operator could see: each log message of every processor and
 * service at every level (WARN and ERROR are NiFi's bulletins) with its arguments and stack trace, the attributes of
 * every FlowFile, every provenance event, and the JVM's own log output (the SDK's and Hadoop's loggers).
 */
final class SecretScan {
    /** Long enough that a fragment of a secret cannot turn up in ordinary text by chance. */
    private static final int FRAGMENT_LENGTH = 16;

    private final Map<String, String> needles = new LinkedHashMap<>();
    private final List<String> findings = new ArrayList<>();

    private SecretScan() {
    }

    /** The sensitive values configured on the services of the journal's runners. */
    static SecretScan forSecretsOf(final TriggerJournal journal) {
        final SecretScan scan = new SecretScan();
        for (final TestRunner runner : journal.runners()) {
            final MockProcessContext context = (MockProcessContext) runner.getProcessContext();
            for (final Map.Entry<String, ControllerServiceConfiguration> service : context.getControllerServices().entrySet()) {
                for (final Map.Entry<PropertyDescriptor, String> property : service.getValue().getProperties().entrySet()) {
                    if (property.getKey().isSensitive() && property.getValue() != null && !property.getValue().isBlank()) {
                        scan.addSecret(service.getKey() + " " + property.getKey().getName(), property.getValue().strip());
                    }
                }
            }
        }
        return scan;
    }

    int secretCount() {
        return needles.size();
    }

    /** Scans the journal and the captured JVM output; returns one line per place a secret showed. */
    List<String> scan(final TriggerJournal journal, final String jvmOutput) {
        for (final TestRunner runner : journal.runners()) {
            final String component = runner.getProcessor().getClass().getSimpleName();
            scanLog(component, runner.getLogger());
            final MockProcessContext context = (MockProcessContext) runner.getProcessContext();
            for (final String serviceId : context.getControllerServices().keySet()) {
                scanLog(component + " service " + serviceId, runner.getControllerServiceLogger(serviceId));
            }
        }
        for (final Map<String, String> attributes : journal.attributes()) {
            for (final Map.Entry<String, String> attribute : attributes.entrySet()) {
                check("FlowFile attribute " + attribute.getKey(), attribute.getValue());
            }
        }
        for (final ProvenanceEventRecord event : journal.provenanceEvents()) {
            final String where = "provenance " + event.getEventType() + " event";
            check(where + " details", event.getDetails());
            check(where + " transit URI", event.getTransitUri());
            check(where + " attributes", String.valueOf(event.getAttributes()));
            check(where + " previous attributes", String.valueOf(event.getPreviousAttributes()));
        }
        check("JVM log output", jvmOutput);
        return List.copyOf(findings);
    }

    private void addSecret(final String name, final String value) {
        final Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
        if (value.length() >= 2 * FRAGMENT_LENGTH) {
            final int middle = value.length() / 2;
            forms.add(value.substring(middle - FRAGMENT_LENGTH / 2, middle + FRAGMENT_LENGTH / 2));
        }
        // the signature of a SAS is its secret part, whatever order the other parameters come in
        for (final String parameter : value.replaceFirst("^\\?", "").split("&")) {
            if (parameter.startsWith("sig=") && parameter.length() > "sig=".length() + 8) {
                forms.add(parameter.substring("sig=".length()));
            }
        }
        int form = 0;
        for (final String needle : forms) {
            needles.put(needle, name + (form++ == 0 ? "" : " (part or encoding)"));
        }
    }

    private void scanLog(final String where, final MockComponentLog log) {
        final List<List<LogMessage>> levels = List.of(log.getTraceMessages(), log.getDebugMessages(), log.getInfoMessages(),
                log.getWarnMessages(), log.getErrorMessages());
        for (final List<LogMessage> messages : levels) {
            for (final LogMessage message : messages) {
                check(where + " log message", message.getMsg());
                check(where + " log arguments", Arrays.deepToString(message.getArgs()));
                if (message.getThrowable() != null) {
                    final StringWriter trace = new StringWriter();
                    message.getThrowable().printStackTrace(new PrintWriter(trace));
                    check(where + " log stack trace", trace.toString());
                }
            }
        }
    }

    private void check(final String where, final String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (final Map.Entry<String, String> needle : needles.entrySet()) {
            final int at = text.indexOf(needle.getKey());
            if (at >= 0) {
                final int from = Math.max(0, at - 60);
                findings.add(needle.getValue() + " in " + where + ": ..." + text.substring(from, Math.min(text.length(), at + 20)).replace('\n', ' ') + "...");
            }
        }
    }
}
