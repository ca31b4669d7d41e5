package io.nififusion.core.copy;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicationErrorClassifierTest {
    private final ReplicationErrorClassifier classifier = new ReplicationErrorClassifier("Service Principal (Client Secret)");

    @Test
    void forbiddenIsPermanentAndNamesTheAuthenticationMode() {
        final ReplicationException e = classifier.classify(storageFailure(403, "AuthorizationPermissionMismatch", null), "Copying /a");

        assertEquals(ReplicationErrorCode.TARGET_AUTHORIZATION_DENIED, e.getCode());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("Service Principal (Client Secret)"), e.getMessage());
    }

    @Test
    void aCredentialTheTargetCannotAuthenticateSaysToRenewItNotToGrantARole() {
        final ReplicationException refused = classifier.classify(storageFailure(403, "AuthorizationPermissionMismatch", null), "Copying /a");
        final ReplicationException unauthenticated = classifier.classify(storageFailure(403, "AuthenticationFailed", null), "Copying /a");

        assertEquals(ReplicationErrorCode.TARGET_AUTHORIZATION_DENIED, unauthenticated.getCode());
        assertFalse(unauthenticated.isTransient());
        assertTrue(unauthenticated.getMessage().contains("could not authenticate the credential of authentication mode [Service Principal (Client Secret)]")
                && unauthenticated.getMessage().contains("past its expiry"), unauthenticated.getMessage());
        assertFalse(unauthenticated.getMessage().contains("Storage Blob Data Contributor"), unauthenticated.getMessage());
        assertTrue(refused.getMessage().contains("Storage Blob Data Contributor"), refused.getMessage());
    }

    @Test
    void aCredentialTheIdentityProviderRefusesIsPermanentAndNamesTheModeAndTheReason() {
        final ClientAuthenticationException refusal = new ClientAuthenticationException(
                "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value\nTrace ID: 1", null);
        final ReplicationException e = classifier.classify(new RuntimeException(new CompletionException(refusal)), "Copying /a");

        assertEquals(ReplicationErrorCode.TARGET_AUTHORIZATION_DENIED, e.getCode());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("[Service Principal (Client Secret)]") && e.getMessage().contains("AADSTS7000215")
                && !e.getMessage().contains("Trace ID"), e.getMessage());
    }

    @Test
    void aTokenTheTargetDoesNotAcceptIsPermanentAndNamesTheMode() {
        final ReplicationException e = classifier.classify(storageFailure(401, "InvalidAuthenticationInfo", null), "Copying /a");

        assertEquals(ReplicationErrorCode.TARGET_AUTHORIZATION_DENIED, e.getCode());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("could not authenticate the credential of authentication mode [Service Principal (Client Secret)]"), e.getMessage());
    }

    @Test
    void serverBusyIsTransientWithRetryAfter() {
        final ReplicationException e = classifier.classify(new CompletionException(storageFailure(503, "ServerBusy", "7")), "Appending");

        assertEquals(ReplicationErrorCode.TARGET_THROTTLED, e.getCode());
        assertTrue(e.isTransient());
        assertEquals(Duration.ofSeconds(7), e.getRetryAfter());
    }

    @Test
    void md5MismatchIsAChecksumMismatch() {
        final ReplicationException e = classifier.classify(storageFailure(400, "Md5Mismatch", null), "Flushing");

        assertEquals(ReplicationErrorCode.CHECKSUM_MISMATCH, e.getCode());
        assertTrue(e.isTransient());
        assertNull(e.getRetryAfter());
    }

    @Test
    void invalidPathIsPermanent() {
        final ReplicationException e = classifier.classify(storageFailure(400, "InvalidResourceName", null), "Creating");

        assertEquals(ReplicationErrorCode.TARGET_PATH_UNSUPPORTED, e.getCode());
        assertFalse(e.isTransient());
        // a path too deep is a 409, which would otherwise read as a concurrent change and be retried for ever
        final ReplicationException tooDeep = classifier.classify(storageFailure(409, "PathIsTooDeep", null), "Creating");
        assertEquals(ReplicationErrorCode.TARGET_PATH_UNSUPPORTED, tooDeep.getCode());
        assertFalse(tooDeep.isTransient());
        assertEquals(ReplicationErrorCode.TARGET_REQUEST_REJECTED, classifier.classify(storageFailure(400, "InvalidHeaderValue", null), "Creating").getCode());
    }

    @Test
    void sourceFailuresAreClassifiedByKind() {
        assertEquals(ReplicationErrorCode.SOURCE_PERMISSION_DENIED, classifier.classify(new AccessControlException("denied"), "Reading").getCode());
        assertEquals(ReplicationErrorCode.SOURCE_CORRUPT, classifier.classify(new ChecksumException("bad", 0), "Reading").getCode());
        assertEquals(ReplicationErrorCode.SOURCE_UNAVAILABLE, classifier.classify(new ConnectException("refused"), "Reading").getCode());
    }

    private static DataLakeStorageException storageFailure(final int status, final String errorCode, final String retryAfter) {
        final HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.fromString("x-ms-error-code"), errorCode);
        if (retryAfter != null) {
            headers.set(HttpHeaderName.RETRY_AFTER, retryAfter);
        }
        return new DataLakeStorageException("Status code " + status + ", " + errorCode, new FixedResponse(status, headers), null);
    }

    /** A response as the pipeline hands it to an exception: status and headers, no body. */
    private static final class FixedResponse extends HttpResponse {
        private final int status;
        private final HttpHeaders headers;

        private FixedResponse(final int status, final HttpHeaders headers) {
            super(new HttpRequest(HttpMethod.PUT, "http://127.0.0.1/account/fs/path"));
            this.status = status;
            this.headers = headers;
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        @Deprecated
        public String getHeaderValue(final String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.empty();
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.empty();
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.empty();
        }

        @Override
        public Mono<String> getBodyAsString(final Charset charset) {
            return Mono.empty();
        }
    }
}
