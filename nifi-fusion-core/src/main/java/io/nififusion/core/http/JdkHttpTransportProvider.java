package io.nififusion.core.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpClientProvider;
import com.azure.core.util.HttpClientOptions;

import java.time.Duration;

/**
 * Makes {@link JdkHttpTransport} the transport every Azure SDK client of the bundle uses when none is given (found by
 * the SDK through {@code META-INF/services}): one JDK client, shared, as the SDK shares its own.
 */
public final class JdkHttpTransportProvider implements HttpClientProvider {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private static final class Shared {
        private static final JdkHttpTransport INSTANCE = new JdkHttpTransport(java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build(), RESPONSE_TIMEOUT);
    }

    @Override
    public HttpClient createInstance() {
        return Shared.INSTANCE;
    }

    @Override
    public HttpClient createInstance(final HttpClientOptions options) {
        if (options == null) {
            return createInstance();
        }
        if (options.getProxyOptions() != null) {
            throw new IllegalArgumentException("Proxy options are given to the JDK client itself: build a JdkHttpTransport with a configured java.net.http.HttpClient");
        }
        final Duration connectTimeout = options.getConnectTimeout() == null ? CONNECT_TIMEOUT : options.getConnectTimeout();
        final Duration responseTimeout = options.getResponseTimeout() == null ? RESPONSE_TIMEOUT : options.getResponseTimeout();
        return new JdkHttpTransport(java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .build(), responseTimeout);
    }
}
