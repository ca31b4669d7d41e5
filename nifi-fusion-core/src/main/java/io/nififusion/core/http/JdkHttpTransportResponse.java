package io.nififusion.core.http;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.CoreUtils;
import com.azure.core.util.FluxUtil;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/** A response of {@link JdkHttpTransport}: its body read in full already, or a stream the caller reads (downloads). */
final class JdkHttpTransportResponse extends HttpResponse {
    private final int statusCode;
    private final HttpHeaders headers;
    private final byte[] bufferedBody;
    private final InputStream streamedBody;

    private JdkHttpTransportResponse(final HttpRequest request, final int statusCode, final HttpHeaders headers, final byte[] bufferedBody,
                                     final InputStream streamedBody) {
        super(request);
        this.statusCode = statusCode;
        this.headers = headers;
        this.bufferedBody = bufferedBody;
        this.streamedBody = streamedBody;
    }

    static JdkHttpTransportResponse buffered(final HttpRequest request, final int statusCode, final HttpHeaders headers, final byte[] body) {
        return new JdkHttpTransportResponse(request, statusCode, headers, body, null);
    }

    static JdkHttpTransportResponse streamed(final HttpRequest request, final int statusCode, final HttpHeaders headers, final InputStream body) {
        return new JdkHttpTransportResponse(request, statusCode, headers, null, body);
    }

    @Override
    public int getStatusCode() {
        return statusCode;
    }

    @Override
    @Deprecated
    public String getHeaderValue(final String name) {
        return headers.getValue(HttpHeaderName.fromString(name));
    }

    @Override
    public String getHeaderValue(final HttpHeaderName name) {
        return headers.getValue(name);
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }

    @Override
    public Flux<ByteBuffer> getBody() {
        if (bufferedBody != null) {
            return bufferedBody.length == 0 ? Flux.empty() : Flux.just(ByteBuffer.wrap(bufferedBody));
        }
        return FluxUtil.toFluxByteBuffer(streamedBody);
    }

    @Override
    public Mono<byte[]> getBodyAsByteArray() {
        if (bufferedBody != null) {
            return Mono.just(bufferedBody);
        }
        return Mono.fromCallable(streamedBody::readAllBytes);
    }

    @Override
    public Mono<String> getBodyAsString() {
        return getBodyAsByteArray().map(bytes -> CoreUtils.bomAwareToString(bytes, headers.getValue(HttpHeaderName.CONTENT_TYPE)));
    }

    @Override
    public Mono<String> getBodyAsString(final Charset charset) {
        return getBodyAsByteArray().map(bytes -> new String(bytes, charset));
    }

    @Override
    public Mono<InputStream> getBodyAsInputStream() {
        return Mono.just(bufferedBody != null ? new ByteArrayInputStream(bufferedBody) : streamedBody);
    }

    @Override
    public BinaryData getBodyAsBinaryData() {
        return bufferedBody != null ? BinaryData.fromBytes(bufferedBody) : BinaryData.fromStream(streamedBody);
    }

    @Override
    public HttpResponse buffer() {
        if (bufferedBody != null) {
            return this;
        }
        try {
            return buffered(getRequest(), statusCode, headers, streamedBody.readAllBytes());
        } catch (final IOException e) {
            throw new TargetConnectionException("Reading the response of " + getRequest().getUrl().getHost() + " failed: " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    /** Gives the connection back: a stream closed before its end makes the JDK drop the connection rather than reuse a half-read one. */
    @Override
    public void close() {
        if (streamedBody != null) {
            try {
                streamedBody.close();
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
