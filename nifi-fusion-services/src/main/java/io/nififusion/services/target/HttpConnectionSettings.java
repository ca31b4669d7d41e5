package io.nififusion.services.target;

import io.nififusion.core.http.JdkHttpTransport;
import org.apache.nifi.context.PropertyContext;
import org.apache.nifi.proxy.ProxyConfiguration;
import org.apache.nifi.ssl.SSLContextProvider;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * How the service reaches Azure (storage and Microsoft Entra ID) and Ambari: the TLS trust of the SSL Context Service
 * (the JVM's default trust when none is set) and the HTTP proxy of the Proxy Configuration Service (direct when none is
 * set). Proxy credentials go preemptively in {@code Proxy-Authorization}, which the JDK client sends with the
 * {@code CONNECT} of a tunnel and never to the server behind it.
 *
 * @param sslContext TLS context for every HTTPS connection, null for the JVM's default
 * @param proxy the HTTP proxy, {@link ProxyConfiguration#DIRECT_CONFIGURATION} for none
 */
public record HttpConnectionSettings(SSLContext sslContext, ProxyConfiguration proxy) {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    /** Direct connections with the JVM's default trust. */
    public static final HttpConnectionSettings DEFAULTS = new HttpConnectionSettings(null, ProxyConfiguration.DIRECT_CONFIGURATION);

    public HttpConnectionSettings {
        proxy = proxy == null ? ProxyConfiguration.DIRECT_CONFIGURATION : proxy;
    }

    static HttpConnectionSettings read(final PropertyContext context) {
        final SSLContextProvider sslContextProvider = context.getProperty(FusionTargetProperties.SSL_CONTEXT_SERVICE).isSet()
                ? context.getProperty(FusionTargetProperties.SSL_CONTEXT_SERVICE).asControllerService(SSLContextProvider.class)
                : null;
        return new HttpConnectionSettings(sslContextProvider == null ? null : sslContextProvider.createContext(), ProxyConfiguration.getConfiguration(context));
    }

    /** Whether requests go through an HTTP proxy. */
    public boolean usesProxy() {
        return proxy.getProxyType() == Proxy.Type.HTTP;
    }

    /** A JDK client with the TLS context and, when {@code throughProxy}, the proxy; it never follows redirects. */
    HttpClient newClient(final Duration connectTimeout, final boolean throughProxy) {
        final HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        if (throughProxy && usesProxy()) {
            builder.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(proxy.getProxyServerHost(), proxy.getProxyServerPort())));
        } else {
            builder.proxy(HttpClient.Builder.NO_PROXY);
        }
        return builder.build();
    }

    /** The {@code Proxy-Authorization} value for the proxy's credentials, or null when there are none to send. */
    String proxyAuthorization() {
        if (!usesProxy() || !proxy.hasCredential()) {
            return null;
        }
        final String credentials = proxy.getProxyUserName() + ":" + (proxy.getProxyUserPassword() == null ? "" : proxy.getProxyUserPassword());
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** The Azure SDK transport for storage and Microsoft Entra ID requests: TLS context and proxy. */
    JdkHttpTransport azureTransport() {
        return new JdkHttpTransport(newClient(CONNECT_TIMEOUT, true), RESPONSE_TIMEOUT, proxyAuthorization());
    }

    /**
     * The transport for the host's managed identity endpoint, which is local to the host (the instance metadata service
     * at a link-local address, App Service and Arc on localhost): never through the proxy, as Azure requires.
     */
    JdkHttpTransport hostLocalTransport() {
        return new JdkHttpTransport(newClient(CONNECT_TIMEOUT, false), RESPONSE_TIMEOUT, null);
    }

    /**
     * Why proxy credentials cannot reach the proxy from this JVM, or null when they can. Every Azure endpoint is HTTPS,
     * so requests go through {@code CONNECT} tunnels, and the JDK leaves Basic credentials off tunnels while the net
     * property {@code jdk.http.auth.tunneling.disabledSchemes} lists Basic (it does by default, in the JDK's
     * {@code conf/net.properties}). NiFi's {@code bootstrap.conf} can clear it:
     * {@code java.arg.fusion=-Djdk.http.auth.tunneling.disabledSchemes=}.
     *
     * @param disabledSchemes the property's value in this JVM, null when it is not set (the JDK default, Basic, applies)
     */
    static String basicTunnelingProblem(final ProxyConfiguration proxy, final String disabledSchemes) {
        if (proxy == null || proxy.getProxyType() != Proxy.Type.HTTP || !proxy.hasCredential()) {
            return null;
        }
        final String schemes = disabledSchemes == null ? "Basic" : disabledSchemes;
        for (final String scheme : schemes.split(",")) {
            if ("basic".equalsIgnoreCase(scheme.strip())) {
                return "The proxy's credentials cannot be sent: this JVM leaves Basic authentication off HTTPS tunnels "
                        + "(jdk.http.auth.tunneling.disabledSchemes lists Basic, the JDK default); add "
                        + "java.arg.fusion=-D" + TUNNELING_DISABLED_SCHEMES + "= to NiFi's bootstrap.conf and restart NiFi";
            }
        }
        return null;
    }

    /** Names the settings for logs and Verify results, never the proxy password. */
    String describe() {
        final String trust = sslContext == null ? "the JVM's default trust store" : "the SSL Context Service's trust";
        if (!usesProxy()) {
            return "direct connections, " + trust;
        }
        return "HTTP proxy " + proxy.getProxyServerHost() + ":" + proxy.getProxyServerPort()
                + (proxy.hasCredential() ? " as " + proxy.getProxyUserName() : "") + ", " + trust;
    }
}
