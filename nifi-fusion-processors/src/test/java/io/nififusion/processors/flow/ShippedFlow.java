package io.nififusion.processors.flow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flow definition from templates/, read with nifi-api's model, with the values of its Parameter Context: the
 * shipped defaults, replaced where an environment sets its own (as an operator fills the context after importing).
 */
public final class ShippedFlow {
    /** Where bin/demo says the flow definitions are; otherwise the working directory's templates/ or its parent's. */
    public static final String TEMPLATES_PROPERTY = "nifi.fusion.templates";

    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Pattern REFERENCE = Pattern.compile("(?<!#)#\\{([^}]+)}");

    private final String file;
    private final RegisteredFlowSnapshot snapshot;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    private ShippedFlow(final String file, final RegisteredFlowSnapshot snapshot) {
        this.file = file;
        this.snapshot = snapshot;
        for (final VersionedParameter parameter : context().getParameters()) {
            values.put(parameter.getName(), parameter.getValue());
        }
    }

    public static ShippedFlow load(final String fileName) throws IOException {
        final Path file = templatesDirectory().resolve(fileName);
        return new ShippedFlow(file.toString(), MAPPER.readValue(file.toFile(), RegisteredFlowSnapshot.class));
    }

    public static Path templatesDirectory() {
        final String configured = System.getProperty(TEMPLATES_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        for (final Path candidate : new Path[]{Path.of("templates"), Path.of("..", "templates")}) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No templates/ directory: set -D" + TEMPLATES_PROPERTY + "=<repository>/templates");
    }

    /** Sets a parameter for this environment; only parameters the flow defines can be set. */
    public ShippedFlow set(final String parameter, final String value) {
        if (!values.containsKey(parameter)) {
            throw new IllegalArgumentException(file + " has no parameter " + parameter);
        }
        values.put(parameter, value);
        environment.put(parameter, value);
        return this;
    }

    /** A property value as NiFi evaluates it: parameters replaced, null when it references only parameters without value. */
    public String resolve(final String value) {
        if (value == null) {
            return null;
        }
        final Matcher matcher = REFERENCE.matcher(value);
        final StringBuilder resolved = new StringBuilder();
        boolean anyValue = false;
        int references = 0;
        while (matcher.find()) {
            references++;
            if (!values.containsKey(matcher.group(1))) {
                throw new IllegalArgumentException(file + " references undefined parameter " + matcher.group(1));
            }
            final String parameterValue = values.get(matcher.group(1));
            anyValue |= parameterValue != null;
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(parameterValue == null ? "" : parameterValue));
        }
        matcher.appendTail(resolved);
        return references > 0 && !anyValue && resolved.isEmpty() ? null : resolved.toString();
    }

    public Map<String, String> resolveAll(final Map<String, String> properties) {
        final Map<String, String> resolved = new HashMap<>();
        if (properties != null) {
            for (final Map.Entry<String, String> property : properties.entrySet()) {
                resolved.put(property.getKey(), resolve(property.getValue()));
            }
        }
        return resolved;
    }

    public VersionedProcessGroup group() {
        return snapshot.getFlowContents();
    }

    public String file() {
        return file;
    }

    public int parameterCount() {
        return values.size();
    }

    /** The parameters this environment set, secrets masked. */
    public Map<String, String> environment() {
        final Map<String, String> shown = new LinkedHashMap<>();
        for (final VersionedParameter parameter : context().getParameters()) {
            if (environment.containsKey(parameter.getName())) {
                shown.put(parameter.getName(), parameter.isSensitive() ? "********" : environment.get(parameter.getName()));
            }
        }
        return shown;
    }

    private VersionedParameterContext context() {
        return snapshot.getParameterContexts().get(snapshot.getFlowContents().getParameterContextName());
    }
}
