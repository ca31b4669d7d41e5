package io.nififusion.core.http;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeader;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Azure SDK's HTTP transport on the JDK's own client ({@code java.net.http}), for every ADLS and Microsoft Entra ID
 * request. The SDK's module for the JDK client sends the same requests but logs a WARN for every request with a body:
 * it hands the JDK a Content-Length header that the JDK sets itself and refuses from callers, so in NiFi each append,
 * flush and create wrote a line to nifi-app.log. Here the body's length goes to the JDK's body publisher and the
 * headers the JDK manages are never offered. Failures to reach the target surface as {@link TargetConnectionException},
 * raised where they happen.
 */
public final class JdkHttpTransport implements HttpClient {
    /** Headers java.net.http computes itself and rejects from callers. */
    private static final Set<String> JDK_MANAGED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** Context keys the SDK's REST layer sets per call (the names azure-core uses for every transport). */
    private static final String EAGERLY_READ_RESPONSE = "azure-eagerly-read-response";
    private static final String IGNORE_RESPONSE_BODY = "azure-ignore-response-body";
    private static final String RESPONSE_TIMEOUT = "azure-response-timeout";

    private static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

    private final java.net.http.HttpClient client;
    private final Duration responseTimeout;
    private final String proxyAuthorization;

    /**
     * @param client the JDK client, with its connect timeout, TLS context and proxy
     * @param responseTimeout the longest wait for a response's status and headers, unless a call sets its own
     */
    public JdkHttpTransport(final java.net.http.HttpClient client, final Duration responseTimeout) {
        this(client, responseTimeout, null);
    }

    /**
     * @param client the JDK client, with its connect timeout, TLS context and proxy
     * @param responseTimeout the longest wait for a response's status and headers, unless a call sets its own
     * @param proxyAuthorization the {@code Proxy-Authorization} value for the client's proxy, or null: sent with every
     *                           request, which the JDK client puts on the {@code CONNECT} of a tunnel only (its own proxy
     *                           authentication leaves Basic out of tunnels unless a JVM-wide property allows it)
     */
    public JdkHttpTransport(final java.net.http.HttpClient client, final Duration responseTimeout, final String proxyAuthorization) {
        this.client = Objects.requireNonNull(client, "client");
        this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout");
        this.proxyAuthorization = proxyAuthorization;
    }

    @Override
    public Mono<HttpResponse> send(final HttpRequest request) {
        return send(request, Context.NONE);
    }

    @Override
    public Mono<HttpResponse> send(final HttpRequest request, final Context context) {
        return Mono.fromCallable(() -> sendSync(request, context)).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public HttpResponse sendSync(final HttpRequest request, final Context context) {
        final java.net.http.HttpRequest jdkRequest = toJdkRequest(request, context);
        try {
            return refuseProxyAuthenticationRequired(request, exchange(request, jdkRequest, context));
        } catch (final IOException e) {
            throw new TargetConnectionException(request.getHttpMethod() + " " + request.getUrl().getHost() + " failed: " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetConnectionException("Interrupted while waiting for " + request.getUrl().getHost(), new InterruptedIOException(e.getMessage()));
        }
    }

    /**
     * A 407 comes from the proxy, not from Azure (the JDK answers with the proxy's response when a tunnel is refused):
     * it is a failure to reach the target, named as such.
     */
    private static HttpResponse refuseProxyAuthenticationRequired(final HttpRequest request, final HttpResponse response) {
        if (response.getStatusCode() == 407) {
            response.close();
            throw new TargetConnectionException(request.getHttpMethod() + " " + request.getUrl().getHost()
                    + " failed: the HTTP proxy refused the connection with 407 Proxy Authentication Required (check the proxy user and password)",
                    new IOException("HTTP proxy answered 407"));
        }
        return response;
    }

    private HttpResponse exchange(final HttpRequest request, final java.net.http.HttpRequest jdkRequest, final Context context)
            throws IOException, InterruptedException {
        if (request.getHttpMethod() == HttpMethod.HEAD || flag(context, IGNORE_RESPONSE_BODY)) {
            final java.net.http.HttpResponse<Void> response = client.send(jdkRequest, BodyHandlers.discarding());
            return JdkHttpTransportResponse.buffered(request, response.statusCode(), toAzureHeaders(response.headers()), new byte[0]);
        }
        if (flag(context, EAGERLY_READ_RESPONSE)) {
            final java.net.http.HttpResponse<byte[]> response = client.send(jdkRequest, BodyHandlers.ofByteArray());
            return JdkHttpTransportResponse.buffered(request, response.statusCode(), toAzureHeaders(response.headers()), response.body());
        }
        final java.net.http.HttpResponse<InputStream> response = client.send(jdkRequest, BodyHandlers.ofInputStream());
        return JdkHttpTransportResponse.streamed(request, response.statusCode(), toAzureHeaders(response.headers()), response.body());
    }

    private java.net.http.HttpRequest toJdkRequest(final HttpRequest request, final Context context) {
        final java.net.http.HttpRequest.Builder builder;
        try {
            builder = java.net.http.HttpRequest.newBuilder(request.getUrl().toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalArgumentException("Not a valid request URL: " + request.getUrl(), e);
        }
        for (final HttpHeader header : request.getHeaders()) {
            if (!JDK_MANAGED_HEADERS.contains(header.getName().toLowerCase(Locale.ROOT))) {
                for (final String value : header.getValuesList()) {
                    builder.header(header.getName(), value);
                }
            }
        }
        if (proxyAuthorization != null) {
            builder.setHeader(PROXY_AUTHORIZATION, proxyAuthorization);
        }
        builder.method(request.getHttpMethod().name(), bodyOf(request));
        final Duration timeout = context.getData(RESPONSE_TIMEOUT).filter(Duration.class::isInstance).map(Duration.class::cast).orElse(responseTimeout);
        if (!timeout.isZero() && !timeout.isNegative()) {
            builder.timeout(timeout);
        }
        return builder.build();
    }

    /** The body with its length, so the JDK sends Content-Length (never chunked, which the storage service refuses). */
    private static BodyPublisher bodyOf(final HttpRequest request) {
        final BinaryData body = request.getBodyAsBinaryData();
        final String declaredLength = request.getHeaders().getValue(HttpHeaderName.CONTENT_LENGTH);
        final long length = declaredLength != null && !declaredLength.isBlank() ? Long.parseLong(declaredLength.trim())
                : body == null || body.getLength() == null ? -1 : body.getLength();
        if (body == null || length == 0) {
            return BodyPublishers.noBody();
        }
        final java.util.concurrent.Flow.Publisher<java.nio.ByteBuffer> publisher = JdkFlowAdapter.publisherToFlowPublisher(body.toFluxByteBuffer());
        return length > 0 ? BodyPublishers.fromPublisher(publisher, length) : BodyPublishers.fromPublisher(publisher);
    }

    private static HttpHeaders toAzureHeaders(final java.net.http.HttpHeaders headers) {
        final HttpHeaders converted = new HttpHeaders(headers.map().size());
        for (final Map.Entry<String, List<String>> header : headers.map().entrySet()) {
            // HTTP/2 pseudo-headers (":status") are the status line, not headers
            if (!header.getKey().startsWith(":")) {
                converted.set(HttpHeaderName.fromString(header.getKey()), header.getValue());
            }
        }
        return converted;
    }

    private static boolean flag(final Context context, final String key) {
        return context.getData(key).map(Boolean.TRUE::equals).orElse(false);
    }
}
