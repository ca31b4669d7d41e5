package io.nififusion.services.target;

import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.ssl.SSLContextProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;

/**
 * An {@link SSLContextProvider} over a PKCS#12 trust store, for tests: NiFi's StandardSSLContextService is not published
 * for 2.x, and this one builds its context from a trust store file the same way.
 */
public class TrustStoreSslContextProvider extends AbstractControllerService implements SSLContextProvider {
    static final PropertyDescriptor TRUST_STORE = new PropertyDescriptor.Builder()
            .name("Truststore Filename").required(true).addValidator(StandardValidators.FILE_EXISTS_VALIDATOR).build();
    static final PropertyDescriptor TRUST_STORE_PASSWORD = new PropertyDescriptor.Builder()
            .name("Truststore Password").required(true).sensitive(true).addValidator(StandardValidators.NON_BLANK_VALIDATOR).build();

    private volatile X509TrustManager trustManager;

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return List.of(TRUST_STORE, TRUST_STORE_PASSWORD);
    }

    @OnEnabled
    public void onEnabled(final ConfigurationContext context) throws IOException, GeneralSecurityException {
        final KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(context.getProperty(TRUST_STORE).getValue()))) {
            trustStore.load(in, context.getProperty(TRUST_STORE_PASSWORD).getValue().toCharArray());
        }
        final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        for (final TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                trustManager = x509;
            }
        }
    }

    @Override
    public SSLContext createContext() {
        try {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {createTrustManager()}, null);
            return context;
        } catch (final GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the TLS context", e);
        }
    }

    @Override
    public Optional<X509ExtendedKeyManager> createKeyManager() {
        return Optional.empty();
    }

    @Override
    public X509TrustManager createTrustManager() {
        if (trustManager == null) {
            throw new IllegalStateException("Not enabled");
        }
        return trustManager;
    }
}
