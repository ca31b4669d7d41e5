package io.nififusion.core.copy;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import io.nififusion.core.ErrorMessages;
import io.nififusion.core.http.TargetConnectionException;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.hdfs.BlockMissingException;
import org.apache.hadoop.ipc.RetriableException;
import org.apache.hadoop.ipc.StandbyException;
import org.apache.hadoop.security.AccessControlException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the source or the target threw into a {@link ReplicationException}: transient (retry later) or permanent
 * for this item (failure), with a code. A 403 names the target's authentication mode, because that is what the
 * operator has to fix.
 */
public final class ReplicationErrorClassifier {

    private static final String MSAL_SERVICE_EXCEPTION = "com.microsoft.aad.msal4j.MsalServiceException";

    private final String authenticationMode;

    /** @param authenticationMode how the target authenticates (e.g. "Account Key"), named in 403 messages */
    public ReplicationErrorClassifier(final String authenticationMode) {
        this.authenticationMode = authenticationMode;
    }

    public ReplicationException classify(final Throwable failure, final String context) {
        final Throwable cause = unwrap(failure);
        if (cause instanceof ReplicationException replicationException) {
            return replicationException;
        }
        final TargetConnectionException targetConnection = findTargetConnectionFailure(failure);
        if (targetConnection != null) {
            // raised by the transport where the request failed: no need to guess the side from the stack
            final Throwable reason = targetConnection.getCause() == null ? targetConnection : targetConnection.getCause();
            return new ReplicationException(ReplicationErrorCode.TARGET_CONNECTION_FAILED, context + ": connection to the target failed: " + describe(reason),
                    targetConnection);
        }
        final Throwable identityRefusal = findIdentityRefusal(failure);
        if (identityRefusal != null) {
            // Entra ID refused the credential before any storage request was made: no retry changes that
            return new ReplicationException(ReplicationErrorCode.TARGET_AUTHORIZATION_DENIED, false, null,
                    context + ": the identity provider refused the credential of authentication mode [" + authenticationMode + "]: "
                            + ErrorMessages.firstLine(identityRefusal.getMessage()) + "; check the tenant, client id and that the secret or certificate is current",
                    identityRefusal);
        }
        if (cause instanceof DataLakeStorageException storageException) {
            return classifyTarget(storageException, storageException.getErrorCode(), context);
        }
        if (cause instanceof HttpResponseException responseException) {
            return classifyTarget(responseException, null, context);
        }
        if (cause instanceof AccessControlException && String.valueOf(cause.getMessage()).contains("is not a directory")) {
            // a parent turned into a file while the operation ran: a change that the next look resolves, not a permission
            return new ReplicationException(ReplicationErrorCode.SOURCE_CHANGED, context + ": a source parent is a file now: " + cause.getMessage(), cause);
        }
        if (cause instanceof AccessControlException) {
            return new ReplicationException(ReplicationErrorCode.SOURCE_PERMISSION_DENIED, context + ": source permission denied: " + cause.getMessage(), cause);
        }
        if (cause instanceof BlockMissingException || cause instanceof ChecksumException) {
            return new ReplicationException(ReplicationErrorCode.SOURCE_CORRUPT, context + ": source block missing or corrupt: " + cause.getMessage(), cause);
        }
        if (cause instanceof StandbyException || cause instanceof RetriableException) {
            return new ReplicationException(ReplicationErrorCode.SOURCE_UNAVAILABLE, context + ": source NameNode not ready: " + cause.getMessage(), cause);
        }
        if (cause instanceof FileNotFoundException) {
            return new ReplicationException(ReplicationErrorCode.SOURCE_CHANGED, context + ": source path disappeared: " + cause.getMessage(), cause);
        }
        if (cause instanceof InterruptedException || cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException)
                || cause instanceof CancellationException) {
            return new ReplicationException(ReplicationErrorCode.INTERRUPTED, context + ": interrupted", cause);
        }
        if ((cause instanceof IOException || cause instanceof TimeoutException) && isTargetConnectionFailure(failure)) {
            return new ReplicationException(ReplicationErrorCode.TARGET_CONNECTION_FAILED, context + ": connection to the target failed: " + describe(cause), cause);
        }
        if (cause instanceof ConnectException || cause instanceof SocketTimeoutException || cause instanceof IOException) {
            return new ReplicationException(ReplicationErrorCode.SOURCE_UNAVAILABLE, context + ": source I/O failed: " + describe(cause), cause);
        }
        if (cause instanceof IllegalArgumentException) {
            return new ReplicationException(ReplicationErrorCode.INVALID_OPERATION, context + ": " + cause.getMessage(), cause);
        }
        return new ReplicationException(ReplicationErrorCode.UNEXPECTED, context + ": " + describe(cause), cause);
    }

    private ReplicationException classifyTarget(final HttpResponseException exception, final String errorCode, final String context) {
        final HttpResponse response = exception.getResponse();
        final int status = response == null ? 0 : response.getStatusCode();
        final Duration retryAfter = retryAfter(response);
        final String code = errorCode == null ? "" : errorCode;
        final String described = context + ": target answered HTTP " + status + (code.isEmpty() ? "" : " " + code);
        if (status == 401 || status == 403 && "AuthenticationFailed".equals(code)) {
            // the credential itself is not accepted: a role assignment cannot help, renewing the credential can
            return new ReplicationException(ReplicationErrorCode.TARGET_AUTHORIZATION_DENIED, false, null,
                    described + ": the target could not authenticate the credential of authentication mode [" + authenticationMode
                            + "]" + serviceDetail(exception) + "; check that it is current: an account key that was rotated, a SAS past its expiry"
                            + " time (se=), a client secret or certificate that expired", exception);
        }
        if (status == 403) {
            return new ReplicationException(ReplicationErrorCode.TARGET_AUTHORIZATION_DENIED, false, null,
                    described + ": the target refused the credential of authentication mode [" + authenticationMode
                            + "]; grant it Storage Blob Data Contributor (or Owner to set owners and ACLs) on the filesystem", exception);
        }
        if ("PathIsTooDeep".equals(code) || "InvalidResourceName".equals(code) || "OutOfRangeInput".equals(code)) {
            // the service refuses the name itself: no retry changes that (a 409 here is not a concurrent change)
            return new ReplicationException(ReplicationErrorCode.TARGET_PATH_UNSUPPORTED, false, null,
                    described + ": the target cannot hold this path: " + ErrorMessages.firstLine(exception.getMessage()), exception);
        }
        if (code.toLowerCase(Locale.ROOT).contains("md5")) {
            return new ReplicationException(ReplicationErrorCode.CHECKSUM_MISMATCH, true, retryAfter,
                    described + ": the bytes the target received do not match their Content-MD5", exception);
        }
        if (status == 429 || status == 503) {
            return new ReplicationException(ReplicationErrorCode.TARGET_THROTTLED, true, retryAfter, described + ": throttled", exception);
        }
        if (status >= 500 || status == 408) {
            return new ReplicationException(ReplicationErrorCode.TARGET_SERVER_ERROR, true, retryAfter, described, exception);
        }
        if (status == 404 || status == 409 || status == 412) {
            return new ReplicationException(ReplicationErrorCode.TARGET_CONCURRENT_CHANGE, true, retryAfter,
                    described + ": the target path changed while the operation ran", exception);
        }
        if (status == 400) {
            return new ReplicationException(ReplicationErrorCode.TARGET_REQUEST_REJECTED, false, null, described + ": " + ErrorMessages.firstLine(exception.getMessage()), exception);
        }
        return new ReplicationException(ReplicationErrorCode.UNEXPECTED, true, retryAfter, described + ": " + ErrorMessages.firstLine(exception.getMessage()), exception);
    }

    /** What the service said about a refused request, when its answer had a body (HEAD answers have none). */
    private static String serviceDetail(final HttpResponseException exception) {
        if (exception instanceof DataLakeStorageException storageException && storageException.getServiceMessage() != null
                && !storageException.getServiceMessage().isBlank()) {
            return " (" + ErrorMessages.firstLine(storageException.getServiceMessage()) + ")";
        }
        return "";
    }

    /**
     * The refusal of a credential by the identity provider: azure-core's {@link ClientAuthenticationException} (which
     * azure-identity's credentials raise, a token request answered 400/401 included) or MSAL's service exception, found
     * by name so that core does not depend on the identity libraries. MSAL's client-side exceptions (no answer from the
     * authority) are left to the connection classification.
     */
    private static Throwable findIdentityRefusal(final Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof ClientAuthenticationException) {
                return current;
            }
            for (Class<?> type = current.getClass(); type != null; type = type.getSuperclass()) {
                if (MSAL_SERVICE_EXCEPTION.equals(type.getName())) {
                    return current;
                }
            }
        }
        return null;
    }

    private static TargetConnectionException findTargetConnectionFailure(final Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof TargetConnectionException targetConnection) {
                return targetConnection;
            }
        }
        return null;
    }

    /**
     * A failure raised by the Azure HTTP pipeline rather than by HDFS, when the SDK's retry policy has replaced the
     * transport's {@link TargetConnectionException} by its cause: its stack passes through the SDK or the transport.
     */
    private static boolean isTargetConnectionFailure(final Throwable failure) {
        Throwable current = failure;
        while (current != null) {
            if (current instanceof TimeoutException) {
                return true;
            }
            for (final StackTraceElement element : current.getStackTrace()) {
                if (element.getClassName().startsWith("com.azure.") || element.getClassName().startsWith("java.net.http.")
                        || element.getClassName().startsWith(TargetConnectionException.class.getPackageName() + ".")) {
                    return true;
                }
            }
            current = current.getCause();
        }
        return false;
    }

    private static Duration retryAfter(final HttpResponse response) {
        if (response == null) {
            return null;
        }
        final String value = response.getHeaders().getValue(HttpHeaderName.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (final NumberFormatException e) {
            return null;
        }
    }

    private static Throwable unwrap(final Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof UncheckedIOException
                || current instanceof RuntimeException && current.getClass() == RuntimeException.class)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(final Throwable cause) {
        return ErrorMessages.describe(cause);
    }
}
