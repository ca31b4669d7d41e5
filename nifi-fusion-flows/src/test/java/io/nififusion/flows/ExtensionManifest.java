package io.nififusion.flows;

import io.nififusion.flows.ComponentDefinition.BundleCoordinate;
import io.nififusion.flows.ComponentDefinition.PropertyDefinition;
import io.nififusion.flows.ComponentDefinition.PropertyDependency;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The extension manifest the NAR plugin writes into a NAR: the components it holds, as NiFi will see them. */
final class ExtensionManifest {
    static final String ENTRY = "META-INF/docs/extension-manifest.xml";

    private final BundleCoordinate bundle;
    private final Map<String, ComponentDefinition> components;

    private ExtensionManifest(final BundleCoordinate bundle, final Map<String, ComponentDefinition> components) {
        this.bundle = bundle;
        this.components = components;
    }

    static ExtensionManifest fromNar(final Path nar) throws IOException {
        if (!Files.isRegularFile(nar)) {
            throw new IOException("No NAR at " + nar + ": package nifi-fusion-nar first (mvn verify builds it before these checks)");
        }
        try (ZipFile zip = new ZipFile(nar.toFile())) {
            final ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                throw new IOException(nar + " has no " + ENTRY);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return parse(in);
            }
        }
    }

    static ExtensionManifest parse(final InputStream in) throws IOException {
        final Document document;
        try {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(in);
        } catch (final Exception e) {
            throw new IOException("Cannot parse the extension manifest", e);
        }
        final Element root = document.getDocumentElement();
        final BundleCoordinate bundle = new BundleCoordinate(text(root, "groupId"), text(root, "artifactId"), text(root, "version"));
        final Map<String, ComponentDefinition> components = new LinkedHashMap<>();
        for (final Element extension : children(child(root, "extensions"), "extension")) {
            final String type = text(extension, "name");
            final Map<String, PropertyDefinition> properties = new LinkedHashMap<>();
            final Element propertiesElement = child(extension, "properties");
            if (propertiesElement != null) {
                for (final Element property : children(propertiesElement, "property")) {
                    final PropertyDefinition definition = property(property);
                    properties.put(definition.name(), definition);
                }
            }
            final Set<String> apis = new LinkedHashSet<>();
            final Element provided = child(extension, "providedServiceAPIs");
            if (provided != null) {
                for (final Element api : children(provided, "providedServiceAPI")) {
                    apis.add(text(api, "className"));
                }
            }
            components.put(type, new ComponentDefinition(type, bundle, properties, apis));
        }
        return new ExtensionManifest(bundle, components);
    }

    private static PropertyDefinition property(final Element property) {
        final List<String> allowable = new ArrayList<>();
        final Element allowableValues = child(property, "allowableValues");
        if (allowableValues != null) {
            for (final Element value : children(allowableValues, "allowableValue")) {
                allowable.add(text(value, "value"));
            }
        }
        final List<PropertyDependency> dependencies = new ArrayList<>();
        final Element dependenciesElement = child(property, "dependencies");
        if (dependenciesElement != null) {
            for (final Element dependency : children(dependenciesElement, "dependency")) {
                final Set<String> values = new LinkedHashSet<>();
                final Element dependentValues = child(dependency, "dependentValues");
                if (dependentValues != null) {
                    for (final Element value : children(dependentValues, "dependentValue")) {
                        values.add(value.getTextContent());
                    }
                }
                dependencies.add(new PropertyDependency(text(dependency, "propertyName"), values));
            }
        }
        final Element service = child(property, "controllerServiceDefinition");
        return new PropertyDefinition(text(property, "name"), "true".equals(text(property, "required")), "true".equals(text(property, "sensitive")),
                text(property, "defaultValue"), allowable, dependencies, service == null ? null : text(service, "className"));
    }

    BundleCoordinate getBundle() {
        return bundle;
    }

    Map<String, ComponentDefinition> getComponents() {
        return components;
    }

    private static Element child(final Element parent, final String name) {
        final List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(final Element parent, final String name) {
        final List<Element> found = new ArrayList<>();
        final NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            final Node node = nodes.item(i);
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(final Element parent, final String name) {
        final Element element = child(parent, name);
        return element == null ? null : element.getTextContent();
    }
}
