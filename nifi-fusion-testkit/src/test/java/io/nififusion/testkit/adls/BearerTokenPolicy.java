package io.nififusion.testkit.adls;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Sets {@code Authorization: Bearer ...} on every try, after the SDK's own signing policy. The SDK sends token
 * credentials over HTTPS only, and the emulator speaks plain HTTP.
 */
final class BearerTokenPolicy implements HttpPipelinePolicy {

    private final String authorization;

    BearerTokenPolicy(final String token) {
        this.authorization = "Bearer " + token;
    }

    @Override
    public Mono<HttpResponse> process(final HttpPipelineCallContext context, final HttpPipelineNextPolicy next) {
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, authorization);
        return next.process();
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }
}
