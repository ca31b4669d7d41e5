package io.nififusion.flows;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a NiFi component type offers a flow: its bundle, its property descriptors and, for a controller service, the
 * service APIs it implements.
 */
record ComponentDefinition(String type, BundleCoordinate bundle, Map<String, PropertyDefinition> properties, Set<String> providedServiceApis) {

    record BundleCoordinate(String group, String artifact, String version) {
        @Override
        public String toString() {
            return group + ":" + artifact + ":" + version;
        }
    }

    record PropertyDependency(String propertyName, Set<String> dependentValues) {
    }

    record PropertyDefinition(String name, boolean required, boolean sensitive, String defaultValue, List<String> allowableValues,
                              List<PropertyDependency> dependencies, String controllerServiceApi) {
        boolean identifiesControllerService() {
            return controllerServiceApi != null;
        }
    }
}
