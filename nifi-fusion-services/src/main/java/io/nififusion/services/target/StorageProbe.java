package io.nififusion.services.target;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.identity.CredentialUnavailableException;
import com.azure.storage.file.datalake.DataLakeDirectoryClient;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.microsoft.aad.msal4j.MsalException;
import io.nififusion.services.verification.VerificationReport;
import org.apache.nifi.components.ConfigVerificationResult;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The storage steps of Verify: the filesystem is there and readable, a probe file can be written, and a probe directory
 * renames with its contents (a hierarchical namespace). Probe names start with an underscore, which Hive, Spark and
 * MapReduce ignore, and every probe removes what it created.
 */
final class StorageProbe {
    static final String STEP_FILESYSTEM = "Access Filesystem";
    static final String STEP_PROBE = "Write Probe Path";
    static final String STEP_NAMESPACE = "Hierarchical Namespace";
    static final String PROBE_PREFIX = "_fusion-probe-";
    private static final byte[] PROBE_CONTENT = "nifi-fusion write probe".getBytes(StandardCharsets.UTF_8);

    private final DataLakeFileSystemClient client;
    private final StorageEndpoint endpoint;
    private final AuthenticationMode mode;
    private final StorageCredentials credentials;
    private final HttpConnectionSettings connections;
    private final SecretRedactor redactor;
    private final String probeBase;

    StorageProbe(final DataLakeFileSystemClient client, final StorageEndpoint endpoint, final StorageCredentials credentials,
                 final HttpConnectionSettings connections, final SecretRedactor redactor, final String targetRoot) {
        this.client = client;
        this.endpoint = endpoint;
        this.mode = credentials.mode();
        this.credentials = credentials;
        this.connections = connections;
        this.redactor = redactor;
        this.probeBase = (targetRoot.isEmpty() ? "" : targetRoot + "/") + PROBE_PREFIX + UUID.randomUUID();
    }

    ConfigVerificationResult accessFilesystem() {
        final String subject = "filesystem " + endpoint.fileSystemName() + " in account " + endpoint.accountName()
                + " at " + endpoint.endpointUrl() + " with " + mode.getDisplayName() + describeIdentity() + " over " + connections.describe();
        try {
            if (!client.exists()) {
                return VerificationReport.failed(STEP_FILESYSTEM, "No " + subject + ": create the filesystem or correct "
                        + FusionTargetProperties.FILESYSTEM_NAME.getDisplayName());
            }
            return VerificationReport.successful(STEP_FILESYSTEM, "Found " + subject);
        } catch (final RuntimeException e) {
            return VerificationReport.failed(STEP_FILESYSTEM, "Cannot access " + subject + ": " + describeFailure(e));
        }
    }

    ConfigVerificationResult writeProbeFile() {
        final String probePath = probeBase + ".file";
        final DataLakeFileClient probe = client.getFileClient(probePath);
        try {
            probe.create(false);
            probe.append(new ByteArrayInputStream(PROBE_CONTENT), 0, PROBE_CONTENT.length);
            probe.flush(PROBE_CONTENT.length, true);
            final long size = probe.getProperties().getFileSize();
            probe.delete();
            if (size != PROBE_CONTENT.length) {
                return VerificationReport.failed(STEP_PROBE, "Probe " + probePath + " holds " + size + " bytes after writing " + PROBE_CONTENT.length);
            }
            return VerificationReport.successful(STEP_PROBE, "Created, wrote " + PROBE_CONTENT.length + " bytes to and deleted " + probePath);
        } catch (final RuntimeException e) {
            deleteQuietly(probePath);
            return VerificationReport.failed(STEP_PROBE, "Cannot write probe " + probePath + ": " + describeFailure(e));
        }
    }

    /**
     * With a hierarchical namespace, directories are real and a directory rename moves its children atomically; on a flat
     * namespace directories are name prefixes. The probe creates a directory with a file inside, renames the directory and
     * checks that the file moved with it.
     */
    ConfigVerificationResult renameProbeDirectory() {
        final String directoryPath = probeBase + ".dir";
        final String renamedPath = probeBase + ".renamed";
        try {
            final DataLakeDirectoryClient directory = client.createDirectory(directoryPath);
            directory.createFile("child");
            directory.rename(null, renamedPath);
            final boolean childMoved = client.getFileClient(renamedPath + "/child").exists();
            final boolean sourceGone = !client.getDirectoryClient(directoryPath).exists();
            final boolean isDirectory = Boolean.TRUE.equals(client.getDirectoryClient(renamedPath).getProperties().isDirectory());
            client.getDirectoryClient(renamedPath).deleteRecursively();
            if (childMoved && sourceGone && isDirectory) {
                return VerificationReport.successful(STEP_NAMESPACE, "Enabled: directory " + directoryPath + " renamed with its contents and deleted");
            }
            return VerificationReport.failed(STEP_NAMESPACE, "Directory rename did not move its contents (directory " + isDirectory
                    + ", child moved " + childMoved + ", source gone " + sourceGone + "): enable the hierarchical namespace on the account");
        } catch (final RuntimeException e) {
            deleteDirectoryQuietly(directoryPath);
            deleteDirectoryQuietly(renamedPath);
            return VerificationReport.failed(STEP_NAMESPACE, "Directory create and rename failed: " + describeFailure(e)
                    + "; the account needs the hierarchical namespace");
        }
    }

    private String describeFailure(final RuntimeException e) {
        if (e instanceof DataLakeStorageException storageException) {
            final String detail = storageException.getStatusCode() == 401 || storageException.getStatusCode() == 403
                    ? authenticationDetail(storageException.getServiceMessage()) : "";
            return "HTTP " + storageException.getStatusCode() + " " + storageException.getErrorCode() + " with " + mode.getDisplayName() + detail;
        }
        if (isTokenFailure(e)) {
            return "no token for " + mode.getDisplayName() + describeIdentity() + ": " + redactor.describe(e);
        }
        return redactor.describe(e) + " with " + mode.getDisplayName();
    }

    /** Whether the failure is Microsoft Entra ID's (or the managed identity endpoint's) refusal of a token, not the storage's. */
    private static boolean isTokenFailure(final Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientAuthenticationException || cause instanceof CredentialUnavailableException || cause instanceof MsalException) {
                return true;
            }
        }
        return false;
    }

    /** Where a bearer-token mode gets its tokens, for messages; empty for the key and SAS modes. */
    private String describeIdentity() {
        return switch (credentials) {
            case ClientSecretCredentials secret -> " (tenant " + secret.principal().tenantId() + ", client " + secret.principal().clientId()
                    + ", authority " + secret.principal().authorityHostFor(endpoint) + ")";
            case ClientCertificateCredentials certificate -> " (tenant " + certificate.principal().tenantId() + ", client "
                    + certificate.principal().clientId() + ", authority " + certificate.principal().authorityHostFor(endpoint) + ")";
            case ManagedIdentityCredentials identity -> identity.clientId() == null ? " (system-assigned)" : " (client " + identity.clientId() + ")";
            default -> "";
        };
    }

    /** The service's reason for refusing the credential (Azure's AuthenticationErrorDetail), when it gave one. */
    private String authenticationDetail(final String serviceMessage) {
        if (serviceMessage == null) {
            return "";
        }
        final int detail = serviceMessage.indexOf("AuthenticationErrorDetail:");
        if (detail < 0) {
            return "";
        }
        final String reason = serviceMessage.substring(detail + "AuthenticationErrorDetail:".length()).split("\\R|RequestId:", 2)[0].strip();
        return reason.isEmpty() ? "" : ": " + redactor.redact(reason);
    }

    private void deleteQuietly(final String path) {
        try {
            client.getFileClient(path).deleteIfExists();
        } catch (final RuntimeException ignored) {
            // Best effort: the verification result already reports the failure
        }
    }

    private void deleteDirectoryQuietly(final String path) {
        try {
            client.getDirectoryClient(path).deleteRecursively();
        } catch (final RuntimeException ignored) {
            // Best effort: the directory may not exist
        }
    }
}
