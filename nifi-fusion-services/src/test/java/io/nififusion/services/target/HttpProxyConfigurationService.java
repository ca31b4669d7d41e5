package io.nififusion.services.target;

import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.proxy.ProxyConfigurationService;

import java.net.Proxy;
import java.util.List;

/**
 * An HTTP {@link ProxyConfigurationService}, for tests: NiFi's StandardProxyConfigurationService is not published for
 * 2.x, and this one hands out the same {@link ProxyConfiguration}.
 */
public class HttpProxyConfigurationService extends AbstractControllerService implements ProxyConfigurationService {
    static final PropertyDescriptor HOST = new PropertyDescriptor.Builder()
            .name("Proxy Server Host").required(true).addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();
    static final PropertyDescriptor PORT = new PropertyDescriptor.Builder()
            .name("Proxy Server Port").required(true).addValidator(StandardValidators.PORT_VALIDATOR).build();
    static final PropertyDescriptor USER = new PropertyDescriptor.Builder()
            .name("Proxy User Name").required(false).addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();
    static final PropertyDescriptor PASSWORD = new PropertyDescriptor.Builder()
            .name("Proxy User Password").required(false).sensitive(true).addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();

    private volatile ProxyConfiguration configuration;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return List.of(HOST, PORT, USER, PASSWORD);
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) {
        final ProxyConfiguration proxy = new ProxyConfiguration();
        proxy.setProxyType(Proxy.Type.HTTP);
        proxy.setProxyServerHost(context.getProperty(HOST).getValue());
        proxy.setProxyServerPort(context.getProperty(PORT).asInteger());
        proxy.setProxyUserName(context.getProperty(USER).getValue());
        proxy.setProxyUserPassword(context.getProperty(PASSWORD).getValue());
        configuration = proxy;
    }

    @Override
    public ProxyConfiguration getConfiguration() {
        return configuration;
    }
}
