package io.nififusion.flows;

import io.nififusion.flows.ComponentDefinition.BundleCoordinate;
import io.nififusion.flows.ComponentDefinition.PropertyDefinition;
import io.nififusion.flows.ComponentDefinition.PropertyDependency;
import org.apache.nifi.flow.Bundle;
import org.apache.nifi.flow.ConnectableComponent;
import org.apache.nifi.flow.ControllerServiceAPI;
import org.apache.nifi.flow.VersionedComponent;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedConnection;
import org.apache.nifi.flow.VersionedControllerService;
import org.apache.nifi.flow.VersionedParameter;
import org.apache.nifi.flow.VersionedParameterContext;
import org.apache.nifi.flow.VersionedPort;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.apache.nifi.flow.VersionedProcessor;
import org.apache.nifi.flow.VersionedPropertyDescriptor;
import org.apache.nifi.registry.flow.RegisteredFlowSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything NiFi would reject or leave invalid in a flow definition, checked without a NiFi: component types and
 * bundles against the NAR's extension manifest, property names, required and allowable values, parameter references
 * and their sensitivity, controller service references, connections and the fate of every relationship. Returns one
 * line per problem; none means the flow is sound.
 */
final class FlowDefinitionCheck {
    static final String FLOW_ENCODING_VERSION = "1.0";

    private final Map<String, ComponentDefinition> definitions = new HashMap<>();
    private final BundleCoordinate narBundle;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> identifiers = new HashSet<>();
    private Map<String, VersionedParameter> parameters = Map.of();
    private final Set<String> referencedParameters = new HashSet<>();

    FlowDefinitionCheck(final ExtensionManifest manifest) {
        this(manifest, List.of());
    }

    /**
     * @param manifest the main NAR's, whose service APIs every flow's services declare
     * @param childNars NARs whose parent is the main NAR (the Hive NAR): their components may appear in flows too
     */
    FlowDefinitionCheck(final ExtensionManifest manifest, final List<ExtensionManifest> childNars) {
        this.narBundle = manifest.getBundle();
        definitions.putAll(manifest.getComponents());
        for (final ExtensionManifest child : childNars) {
            definitions.putAll(child.getComponents());
        }
        definitions.putAll(StandardComponentDefinitions.definitions());
    }

    List<String> check(final RegisteredFlowSnapshot snapshot) {
        problems.clear();
        identifiers.clear();
        if (!FLOW_ENCODING_VERSION.equals(snapshot.getFlowEncodingVersion())) {
            problems.add("flowEncodingVersion is " + snapshot.getFlowEncodingVersion() + ", NiFi writes " + FLOW_ENCODING_VERSION);
        }
        if (snapshot.getFlowContents() == null) {
            problems.add("no flowContents");
            return List.copyOf(problems);
        }
        if (snapshot.getExternalControllerServices() != null && !snapshot.getExternalControllerServices().isEmpty()) {
            problems.add("references controller services outside the flow " + snapshot.getExternalControllerServices().keySet()
                    + ": a shipped flow brings its own");
        }
        final Map<String, VersionedParameterContext> contexts = snapshot.getParameterContexts() == null ? Map.of() : snapshot.getParameterContexts();
        for (final Map.Entry<String, VersionedParameterContext> context : contexts.entrySet()) {
            if (!context.getKey().equals(context.getValue().getName())) {
                problems.add("parameter context keyed " + context.getKey() + " is named " + context.getValue().getName());
            }
        }
        checkGroup(snapshot.getFlowContents(), contexts, new HashMap<>());
        return List.copyOf(problems);
    }

    private void checkGroup(final VersionedProcessGroup group, final Map<String, VersionedParameterContext> contexts,
                            final Map<String, VersionedControllerService> inheritedServices) {
        unique(group);
        final String groupName = "group " + group.getName();
        referencedParameters.clear();
        parameters = parametersOf(group, contexts);

        final Map<String, VersionedControllerService> services = new HashMap<>(inheritedServices);
        for (final VersionedControllerService service : nullSafe(group.getControllerServices())) {
            unique(service);
            services.put(service.getIdentifier(), service);
        }
        for (final VersionedControllerService service : nullSafe(group.getControllerServices())) {
            checkGroupMember(group, service);
            final ComponentDefinition definition = checkExtension(service, services);
            if (definition != null) {
                checkServiceApis(service, definition);
            }
        }

        final Map<String, Set<String>> relationshipsByProcessor = new LinkedHashMap<>();
        for (final VersionedProcessor processor : nullSafe(group.getProcessors())) {
            unique(processor);
            checkGroupMember(group, processor);
            checkParameterReferences(name(processor), "Run Schedule", processor.getSchedulingPeriod(), false);
            final ComponentDefinition definition = checkExtension(processor, services);
            if (definition != null) {
                relationshipsByProcessor.put(processor.getIdentifier(), relationships(processor));
            }
        }

        final Map<String, VersionedComponent> connectables = new HashMap<>();
        for (final VersionedProcessor processor : nullSafe(group.getProcessors())) {
            connectables.put(processor.getIdentifier(), processor);
        }
        for (final VersionedPort port : nullSafe(group.getInputPorts())) {
            unique(port);
            connectables.put(port.getIdentifier(), port);
        }
        for (final VersionedPort port : nullSafe(group.getOutputPorts())) {
            unique(port);
            connectables.put(port.getIdentifier(), port);
        }
        nullSafe(group.getFunnels()).forEach(funnel -> {
            unique(funnel);
            connectables.put(funnel.getIdentifier(), funnel);
        });
        nullSafe(group.getLabels()).forEach(this::unique);

        final Map<String, Set<String>> connectedRelationships = new HashMap<>();
        final Set<String> connectedPorts = new HashSet<>();
        for (final VersionedConnection connection : nullSafe(group.getConnections())) {
            unique(connection);
            checkGroupMember(group, connection);
            final VersionedComponent source = checkEnd(group, connection, connection.getSource(), connectables, "source");
            final VersionedComponent destination = checkEnd(group, connection, connection.getDestination(), connectables, "destination");
            if (destination instanceof VersionedPort) {
                connectedPorts.add(destination.getIdentifier());
            }
            if (source instanceof VersionedPort) {
                connectedPorts.add(source.getIdentifier());
            }
            checkLoadBalancing(connection);
            if (source instanceof VersionedProcessor processor) {
                final Set<String> offered = relationshipsByProcessor.getOrDefault(processor.getIdentifier(), Set.of());
                final Set<String> selected = nullSafe(connection.getSelectedRelationships());
                if (selected.isEmpty()) {
                    problems.add("connection " + connection.getIdentifier() + " from " + name(processor) + " selects no relationship");
                }
                for (final String relationship : selected) {
                    if (!offered.isEmpty() && !offered.contains(relationship)) {
                        problems.add("connection from " + name(processor) + " selects " + relationship + ", which it does not have (it has " + offered + ")");
                    }
                    connectedRelationships.computeIfAbsent(processor.getIdentifier(), id -> new HashSet<>()).add(relationship);
                }
            }
        }
        for (final VersionedProcessor processor : nullSafe(group.getProcessors())) {
            final Set<String> offered = relationshipsByProcessor.get(processor.getIdentifier());
            if (offered == null) {
                continue;
            }
            final Set<String> terminated = nullSafe(processor.getAutoTerminatedRelationships());
            final Set<String> connected = connectedRelationships.getOrDefault(processor.getIdentifier(), Set.of());
            for (final String relationship : offered) {
                if (!terminated.contains(relationship) && !connected.contains(relationship)) {
                    problems.add(name(processor) + ": relationship " + relationship + " is neither connected nor auto-terminated");
                }
                if (terminated.contains(relationship) && connected.contains(relationship)) {
                    problems.add(name(processor) + ": relationship " + relationship + " is both connected and auto-terminated");
                }
            }
            for (final String relationship : terminated) {
                if (!offered.contains(relationship)) {
                    problems.add(name(processor) + " auto-terminates " + relationship + ", which it does not have (it has " + offered + ")");
                }
            }
            for (final String relationship : nullSafe(processor.getRetriedRelationships())) {
                if (!offered.contains(relationship)) {
                    problems.add(name(processor) + " retries " + relationship + ", which it does not have");
                }
            }
        }
        for (final VersionedPort port : nullSafe(group.getOutputPorts())) {
            if (!connectedPorts.contains(port.getIdentifier())) {
                problems.add(groupName + ": output port " + port.getName() + " receives nothing");
            }
        }

        for (final VersionedParameter parameter : parameters.values()) {
            if (!referencedParameters.contains(parameter.getName())) {
                problems.add(groupName + ": parameter " + parameter.getName() + " is referenced by no component");
            }
        }
        for (final VersionedProcessGroup child : nullSafe(group.getProcessGroups())) {
            checkGroupMember(group, child);
            checkGroup(child, contexts, services);
        }
    }

    private Map<String, VersionedParameter> parametersOf(final VersionedProcessGroup group, final Map<String, VersionedParameterContext> contexts) {
        final String contextName = group.getParameterContextName();
        if (contextName == null) {
            return Map.of();
        }
        final VersionedParameterContext context = contexts.get(contextName);
        if (context == null) {
            problems.add("group " + group.getName() + " uses parameter context " + contextName + ", which the flow does not define");
            return Map.of();
        }
        if (context.getParameterProvider() != null) {
            problems.add("parameter context " + contextName + " depends on a parameter provider");
        }
        final Map<String, VersionedParameter> byName = new HashMap<>();
        for (final VersionedParameter parameter : nullSafe(context.getParameters())) {
            if (byName.put(parameter.getName(), parameter) != null) {
                problems.add("parameter " + parameter.getName() + " is defined twice");
            }
            if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
                problems.add("parameter " + parameter.getName() + " has no description");
            }
            if (parameter.isSensitive() && parameter.getValue() != null) {
                problems.add("sensitive parameter " + parameter.getName() + " carries a value: secrets are never shipped");
            }
            if (parameter.isProvided()) {
                problems.add("parameter " + parameter.getName() + " is marked provided, but no parameter provider is set");
            }
        }
        return byName;
    }

    private ComponentDefinition checkExtension(final VersionedConfigurableExtension component, final Map<String, VersionedControllerService> services) {
        final String name = name(component);
        final ComponentDefinition definition = definitions.get(component.getType());
        if (definition == null) {
            problems.add(name + ": type " + component.getType() + " is not in the NAR nor among the known standard components");
            return null;
        }
        checkBundle(name, component.getBundle(), definition.bundle());
        final Map<String, String> properties = component.getProperties() == null ? Map.of() : component.getProperties();
        final Map<String, VersionedPropertyDescriptor> descriptors = component.getPropertyDescriptors() == null ? Map.of() : component.getPropertyDescriptors();
        for (final String key : properties.keySet()) {
            if (!definition.properties().containsKey(key)) {
                problems.add(name + ": property " + key + " is not a property of " + simpleName(component.getType()));
            }
        }
        for (final Map.Entry<String, VersionedPropertyDescriptor> descriptor : descriptors.entrySet()) {
            final PropertyDefinition property = definition.properties().get(descriptor.getKey());
            if (property == null) {
                problems.add(name + ": property descriptor " + descriptor.getKey() + " is not a property of " + simpleName(component.getType()));
                continue;
            }
            if (descriptor.getValue().isSensitive() != property.sensitive()) {
                problems.add(name + ": property descriptor " + descriptor.getKey() + " says sensitive=" + descriptor.getValue().isSensitive());
            }
            if (descriptor.getValue().getIdentifiesControllerService() != property.identifiesControllerService()) {
                problems.add(name + ": property descriptor " + descriptor.getKey() + " says identifiesControllerService="
                        + descriptor.getValue().getIdentifiesControllerService());
            }
        }
        final Map<String, String> resolved = resolve(properties);
        for (final PropertyDefinition property : definition.properties().values()) {
            checkProperty(name, property, properties.get(property.name()), properties, resolved, definition, services);
        }
        return definition;
    }

    private void checkProperty(final String component, final PropertyDefinition property, final String value, final Map<String, String> properties,
                               final Map<String, String> resolved, final ComponentDefinition definition, final Map<String, VersionedControllerService> services) {
        final String subject = component + ": " + property.name();
        final List<String> references = ParameterReferences.namesIn(value);
        if (property.sensitive() && value != null && !ParameterReferences.isSoleReference(value)) {
            problems.add(subject + " is sensitive: its value must be one parameter reference, never a literal");
        }
        checkParameterReferences(component, property.name(), value, property.sensitive());

        if (property.identifiesControllerService()) {
            if (!references.isEmpty()) {
                problems.add(subject + " names a controller service through a parameter; use the service's identifier");
            } else if (value != null) {
                final VersionedControllerService service = services.get(value);
                if (service == null) {
                    problems.add(subject + " names controller service " + value + ", which is not in the flow");
                } else {
                    final ComponentDefinition serviceDefinition = definitions.get(service.getType());
                    if (serviceDefinition != null && !serviceDefinition.providedServiceApis().contains(property.controllerServiceApi())) {
                        problems.add(subject + " needs a " + property.controllerServiceApi() + " but " + name(service) + " does not provide one");
                    }
                }
            }
        }

        final boolean mayApply = dependencyMaySatisfy(property, properties, resolved, definition, new HashSet<>());
        if (property.required() && mayApply && value == null && property.defaultValue() == null) {
            problems.add(subject + " is required and neither set nor parameterized");
        }
        if (!property.allowableValues().isEmpty() && value != null) {
            final String effective = references.isEmpty() ? value : resolved.get(property.name());
            if (effective != null && !property.allowableValues().contains(effective)) {
                problems.add(subject + " is " + effective + (references.isEmpty() ? "" : " (from " + value + ")") + ", not one of "
                        + property.allowableValues());
            }
        }
    }

    /** Whether the property can apply: every dependency is met by the values as shipped, or hangs on a parameter a user sets. */
    private boolean dependencyMaySatisfy(final PropertyDefinition property, final Map<String, String> properties, final Map<String, String> resolved,
                                         final ComponentDefinition definition, final Set<String> visiting) {
        if (!visiting.add(property.name())) {
            return false;
        }
        for (final PropertyDependency dependency : property.dependencies()) {
            final PropertyDefinition on = definition.properties().get(dependency.propertyName());
            if (on == null) {
                return false;
            }
            final String raw = properties.get(on.name());
            if (!ParameterReferences.namesIn(raw).isEmpty()) {
                continue;
            }
            final String value = raw == null ? on.defaultValue() : resolved.get(on.name());
            if (value == null) {
                return false;
            }
            if (!dependency.dependentValues().isEmpty() && !dependency.dependentValues().contains(value)) {
                return false;
            }
            if (!dependencyMaySatisfy(on, properties, resolved, definition, visiting)) {
                return false;
            }
        }
        return true;
    }

    private void checkParameterReferences(final String component, final String property, final String value, final boolean sensitive) {
        for (final String reference : ParameterReferences.namesIn(value)) {
            referencedParameters.add(reference);
            final VersionedParameter parameter = parameters.get(reference);
            if (parameter == null) {
                problems.add(component + ": " + property + " references parameter " + reference + ", which the parameter context does not define");
            } else if (parameter.isSensitive() != sensitive) {
                problems.add(component + ": " + property + (sensitive ? " is sensitive but references the non-sensitive parameter "
                        : " is not sensitive but references the sensitive parameter ") + reference);
            }
        }
    }

    private void checkBundle(final String component, final Bundle bundle, final BundleCoordinate expected) {
        if (bundle == null) {
            problems.add(component + " has no bundle");
            return;
        }
        final BundleCoordinate actual = new BundleCoordinate(bundle.getGroup(), bundle.getArtifact(), bundle.getVersion());
        if (!actual.equals(expected)) {
            problems.add(component + ": bundle " + actual + " is not " + expected);
        }
    }

    private void checkServiceApis(final VersionedControllerService service, final ComponentDefinition definition) {
        final Set<String> declared = new HashSet<>();
        for (final ControllerServiceAPI api : nullSafe(service.getControllerServiceApis())) {
            declared.add(api.getType());
            checkBundle(name(service) + " API " + api.getType(), api.getBundle(), narBundle);
        }
        if (!declared.equals(definition.providedServiceApis())) {
            problems.add(name(service) + ": controllerServiceApis " + declared + " differ from the NAR's " + definition.providedServiceApis());
        }
    }

    private VersionedComponent checkEnd(final VersionedProcessGroup group, final VersionedConnection connection, final ConnectableComponent end,
                                        final Map<String, VersionedComponent> connectables, final String side) {
        if (end == null) {
            problems.add("connection " + connection.getIdentifier() + " has no " + side);
            return null;
        }
        final VersionedComponent component = connectables.get(end.getId());
        if (component == null) {
            problems.add("connection " + connection.getIdentifier() + ": " + side + " " + end.getName() + " (" + end.getId() + ") is not in group " + group.getName());
            return null;
        }
        if (!group.getIdentifier().equals(end.getGroupId())) {
            problems.add("connection " + connection.getIdentifier() + ": " + side + " " + end.getName() + " names group " + end.getGroupId());
        }
        if (!component.getComponentType().name().equals(end.getType().name())) {
            problems.add("connection " + connection.getIdentifier() + ": " + side + " " + end.getName() + " is a " + component.getComponentType()
                    + ", not a " + end.getType());
        }
        if (component.getName() != null && !component.getName().equals(end.getName())) {
            problems.add("connection " + connection.getIdentifier() + ": " + side + " is named " + end.getName() + " but the component is " + component.getName());
        }
        return component;
    }

    private void checkLoadBalancing(final VersionedConnection connection) {
        final String strategy = connection.getLoadBalanceStrategy();
        if (!Set.of("DO_NOT_LOAD_BALANCE", "PARTITION_BY_ATTRIBUTE", "ROUND_ROBIN", "SINGLE_NODE").contains(String.valueOf(strategy))) {
            problems.add("connection " + connection.getIdentifier() + ": load balance strategy " + strategy + " is not one NiFi has");
        }
        if (!Set.of("DO_NOT_COMPRESS", "COMPRESS_ATTRIBUTES_ONLY", "COMPRESS_ATTRIBUTES_AND_CONTENT").contains(String.valueOf(connection.getLoadBalanceCompression()))) {
            problems.add("connection " + connection.getIdentifier() + ": load balance compression " + connection.getLoadBalanceCompression() + " is not one NiFi has");
        }
        if ("PARTITION_BY_ATTRIBUTE".equals(strategy) && (connection.getPartitioningAttribute() == null || connection.getPartitioningAttribute().isBlank())) {
            problems.add("connection " + connection.getIdentifier() + " partitions by attribute but names none");
        }
        if (connection.getBackPressureObjectThreshold() == null || connection.getBackPressureDataSizeThreshold() == null) {
            problems.add("connection " + connection.getIdentifier() + " has no back pressure thresholds");
        }
    }

    private Set<String> relationships(final VersionedProcessor processor) {
        try {
            return ProcessorRelationships.of(processor.getType(), resolve(processor.getProperties() == null ? Map.of() : processor.getProperties()));
        } catch (final IllegalArgumentException e) {
            problems.add(name(processor) + ": " + e.getMessage());
            return Set.of();
        }
    }

    private Map<String, String> resolve(final Map<String, String> properties) {
        final Map<String, String> values = new HashMap<>();
        for (final VersionedParameter parameter : parameters.values()) {
            values.put(parameter.getName(), parameter.getValue());
        }
        final Map<String, String> resolved = new HashMap<>();
        for (final Map.Entry<String, String> property : properties.entrySet()) {
            resolved.put(property.getKey(), ParameterReferences.resolve(property.getValue(), values));
        }
        return resolved;
    }

    private void checkGroupMember(final VersionedProcessGroup group, final VersionedComponent component) {
        if (!group.getIdentifier().equals(component.getGroupIdentifier())) {
            problems.add(name(component) + " names group " + component.getGroupIdentifier() + " but sits in " + group.getIdentifier());
        }
    }

    private void unique(final VersionedComponent component) {
        if (component.getIdentifier() == null || !identifiers.add(component.getIdentifier())) {
            problems.add(name(component) + ": identifier " + component.getIdentifier() + " is missing or used twice");
        }
        if (component.getInstanceIdentifier() != null && !identifiers.add("instance:" + component.getInstanceIdentifier())) {
            problems.add(name(component) + ": instance identifier " + component.getInstanceIdentifier() + " is used twice");
        }
    }

    private static String name(final VersionedComponent component) {
        return component.getComponentType() + " " + (component.getName() == null ? component.getIdentifier() : component.getName());
    }

    private static String simpleName(final String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static <T> Set<T> nullSafe(final Set<T> values) {
        return values == null ? Set.of() : values;
    }

    private static <T> List<T> nullSafe(final List<T> values) {
        return values == null ? List.of() : values;
    }
}
