package io.nififusion.processors.flow;

import io.nififusion.processors.list.ChangeCaptureMode;
import io.nififusion.processors.list.GapPolicy;
import io.nififusion.processors.list.OpenFilePolicy;
import io.nififusion.processors.replicate.DeletePolicyOption;
import io.nififusion.processors.replicate.ExistingTargetPolicyOption;
import io.nififusion.processors.replicate.PreserveMetadataOption;
import io.nififusion.processors.restore.ExistingFilePolicyOption;
import io.nififusion.processors.restore.ListingScopeOption;
import io.nififusion.processors.restore.RestoreDestinationOption;
import io.nififusion.processors.restore.RestoreMetadataOption;
import io.nififusion.processors.verify.UnavailableChecksumHandling;
import io.nififusion.processors.verify.VerificationDepthOption;
import io.nififusion.processors.verify.VerificationScope;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.DescribedValue;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.flow.VersionedConfigurableExtension;
import org.apache.nifi.flow.VersionedProcessGroup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The values saved and versioned flows store for the processors' choices: a flow written for an earlier release must
 * still be valid, so a value once shipped never changes, whatever the enum behind it looks like.
 */
class ShippedPropertyValuesTest {

    /** Every choice of the processors with the values it stores, as released. */
    private static final Map<Class<? extends DescribedValue>, List<String>> SHIPPED_VALUES = shippedValues();

    private static Map<Class<? extends DescribedValue>, List<String>> shippedValues() {
        final Map<Class<? extends DescribedValue>, List<String>> values = new LinkedHashMap<>();
        values.put(ChangeCaptureMode.class, List.of("inotify", "snapshot-diff", "scan-only"));
        values.put(GapPolicy.class, List.of("Re-scan Roots", "Stop and Alert"));
        values.put(OpenFilePolicy.class, List.of("Report and Wait for Close", "Report and Copy Open File"));
        values.put(DeletePolicyOption.class, List.of("PROPAGATE", "IGNORE", "KEEP_IN_TRASH"));
        values.put(ExistingTargetPolicyOption.class, List.of("OVERWRITE", "FAIL"));
        values.put(PreserveMetadataOption.class, List.of("NONE", "PERMISSIONS", "PERMISSIONS_OWNERSHIP", "ALL"));
        values.put(ExistingFilePolicyOption.class, List.of("FAIL", "KEEP", "REPLACE"));
        values.put(ListingScopeOption.class, List.of("LIVE", "AS_OF"));
        values.put(RestoreDestinationOption.class, List.of("ORIGINAL_PATHS", "UNDER_RESTORE_ROOT"));
        values.put(RestoreMetadataOption.class, List.of("NONE", "PERMISSIONS", "PERMISSIONS_OWNERSHIP", "ALL"));
        values.put(UnavailableChecksumHandling.class, List.of("READ_BYTES", "REPORT_UNVERIFIED"));
        values.put(VerificationDepthOption.class, List.of("QUICK", "DEEP"));
        values.put(VerificationScope.class, List.of("FILE", "TREE"));
        return values;
    }

    @Test
    void everyChoiceStoresTheValueItShippedWith() {
        for (final Map.Entry<Class<? extends DescribedValue>, List<String>> choice : SHIPPED_VALUES.entrySet()) {
            final List<String> values = new ArrayList<>();
            for (final DescribedValue constant : choice.getKey().getEnumConstants()) {
                values.add(constant.getValue());
                assertTrue(!constant.getDisplayName().isBlank() && !constant.getDescription().isBlank(),
                        choice.getKey().getSimpleName() + "." + constant + " shows a name and a description");
            }
            assertEquals(choice.getValue(), values, choice.getKey().getSimpleName());
        }
    }

    @Test
    void everyChoiceOfTheShippedFlowsIsStillAllowable() throws IOException, ReflectiveOperationException {
        final List<String> problems = new ArrayList<>();
        int checked = 0;
        for (final String file : templateFiles()) {
            final ShippedFlow flow = ShippedFlow.load(file);
            for (final VersionedConfigurableExtension component : components(flow.group())) {
                final ConfigurableComponent definition = definitionOf(component.getType());
                if (definition == null) {
                    continue;
                }
                for (final Map.Entry<String, String> property : flow.resolveAll(component.getProperties()).entrySet()) {
                    final PropertyDescriptor descriptor = definition.getPropertyDescriptor(property.getKey());
                    if (descriptor.getAllowableValues() == null || property.getValue() == null) {
                        continue;
                    }
                    checked++;
                    final List<String> allowable = descriptor.getAllowableValues().stream().map(AllowableValue::getValue).toList();
                    if (!allowable.contains(property.getValue())) {
                        problems.add(file + ": " + component.getName() + " sets " + property.getKey() + " to " + property.getValue()
                                + ", allowable " + allowable);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        // the live migration, fan-out, restore and audit flows set every choice listed above at least once between them
        assertTrue(checked >= SHIPPED_VALUES.size(), "choices checked: " + checked);
    }

    private static List<String> templateFiles() throws IOException {
        try (Stream<Path> files = Files.list(ShippedFlow.templatesDirectory())) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
        }
    }

    private static List<VersionedConfigurableExtension> components(final VersionedProcessGroup group) {
        final List<VersionedConfigurableExtension> components = new ArrayList<>();
        components.addAll(group.getProcessors());
        components.addAll(group.getControllerServices());
        for (final VersionedProcessGroup child : group.getProcessGroups()) {
            components.addAll(components(child));
        }
        return components;
    }

    /** The component as this module builds it, or null for one of another module (the Hive processors). */
    private static ConfigurableComponent definitionOf(final String type) throws ReflectiveOperationException {
        final Class<?> componentClass;
        try {
            componentClass = Class.forName(type);
        } catch (final ClassNotFoundException e) {
            return null;
        }
        if (componentClass.isInterface() || !ConfigurableComponent.class.isAssignableFrom(componentClass)) {
            return null;
        }
        return (ConfigurableComponent) componentClass.getDeclaredConstructor().newInstance();
    }
}
