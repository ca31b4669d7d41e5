package io.nififusion.flows;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The relationships a processor offers with a given configuration, asked of the processor itself: some processors
 * offer different relationships depending on their properties (VerifyChecksum's Verification Scope), which the
 * extension manifest, written for the default configuration, cannot tell.
 */
final class ProcessorRelationships {

    private ProcessorRelationships() {
    }

    static Set<String> of(final String type, final Map<String, String> resolvedProperties) {
        if (StandardComponentDefinitions.RETRY_FLOW_FILE.equals(type)) {
            return StandardComponentDefinitions.RETRY_FLOW_FILE_RELATIONSHIPS;
        }
        final Processor processor;
        try {
            processor = Class.forName(type).asSubclass(Processor.class).getDeclaredConstructor().newInstance();
        } catch (final ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("Cannot create a processor of type " + type, e);
        }
        for (final Map.Entry<String, String> property : resolvedProperties.entrySet()) {
            final PropertyDescriptor descriptor = processor.getPropertyDescriptor(property.getKey());
            if (descriptor != null && property.getValue() != null) {
                processor.onPropertyModified(descriptor, null, property.getValue());
            }
        }
        final Set<String> names = new TreeSet<>();
        for (final Relationship relationship : processor.getRelationships()) {
            names.add(relationship.getName());
        }
        return names;
    }
}
