package io.nififusion.testkit.adls;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the emulator answers with, in Azure's shape: HTTP status, {@code x-ms-error-code} and a message.
 */
final class AdlsServiceException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final Map<String, String> headers = new LinkedHashMap<>();

    AdlsServiceException(final int status, final String errorCode, final String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    int getStatus() {
        return status;
    }

    String getErrorCode() {
        return errorCode;
    }

    /** Adds a header that the error answer carries besides the error code (e.g. {@code Content-Range} on a 416). */
    AdlsServiceException header(final String name, final String value) {
        headers.put(name, value);
        return this;
    }

    Map<String, String> getHeaders() {
        return headers;
    }

    static AdlsServiceException pathNotFound() {
        return new AdlsServiceException(404, "PathNotFound", "The specified path does not exist.");
    }

    static AdlsServiceException conditionNotMet() {
        return new AdlsServiceException(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.");
    }

    static AdlsServiceException pathAlreadyExists() {
        return new AdlsServiceException(409, "PathAlreadyExists", "The specified path already exists.");
    }

    static AdlsServiceException fileSystemNotFound(final boolean blobApi) {
        return blobApi
                ? new AdlsServiceException(404, "ContainerNotFound", "The specified container does not exist.")
                : new AdlsServiceException(404, "FilesystemNotFound", "The specified filesystem does not exist.");
    }

    static AdlsServiceException badRequest(final String code, final String message) {
        return new AdlsServiceException(400, code, message);
    }
}
