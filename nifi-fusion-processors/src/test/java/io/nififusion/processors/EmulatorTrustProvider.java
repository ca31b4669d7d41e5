package io.nififusion.processors;

import io.nififusion.testkit.tls.TestCertificateAuthority;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.ssl.SSLContextProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * An {@link SSLContextProvider} that trusts one certificate authority, the emulator's, and nothing else: what NiFi's
 * StandardSSLContextService with a trust store holding that CA provides (it is not published for NiFi 2.x).
 */
public final class EmulatorTrustProvider extends AbstractControllerService implements SSLContextProvider {
    private final X509TrustManager trustManager;

    public EmulatorTrustProvider(final TestCertificateAuthority authority) {
        try {
            final KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("emulator-ca", authority.getCertificate());
            final TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            X509TrustManager found = null;
            for (final TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    found = x509;
                }
            }
            this.trustManager = found;
        } catch (final IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust the emulator's certificate authority", e);
        }
    }

    @Override
    public SSLContext createContext() {
        try {
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
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
        return trustManager;
    }
}
