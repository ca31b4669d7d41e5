package io.nififusion.core.copy;

/**
 * The value of {@code fusion.error.code} written by every processor of the bundle: what went wrong, and whether trying
 * again later can help. docs/operations.md has the table operators troubleshoot with.
 */
public enum ReplicationErrorCode {
    /** The target refused the credential (HTTP 403). */
    TARGET_AUTHORIZATION_DENIED(false),
    /** The target rejected the request as invalid, e.g. a path ADLS cannot hold (HTTP 400). */
    TARGET_REQUEST_REJECTED(false),
    /** The source path maps to a target path ADLS cannot hold (a name ending in '.', over the length or depth limits); checked before any request. */
    TARGET_PATH_UNSUPPORTED(false),
    /** The target path is a directory where the source has a file, or the reverse, and the Delete Policy keeps the target's. */
    TARGET_TYPE_CONFLICT(false),
    /** The target holds a file replication did not write and the policy says fail. */
    TARGET_EXISTS(false),
    /** The target is throttling (HTTP 429/503). */
    TARGET_THROTTLED(true),
    /** The target failed (HTTP 5xx other than 503) or timed out. */
    TARGET_SERVER_ERROR(true),
    /** The connection to the target broke (reset, timeout, DNS). */
    TARGET_CONNECTION_FAILED(true),
    /** Another writer changed the target path while this copy ran (HTTP 404/409/412 on our own temp file). */
    TARGET_CONCURRENT_CHANGE(true),
    /** The bytes the target stored do not match the bytes sent (Content-MD5). */
    CHECKSUM_MISMATCH(true),
    /** The source changed during every attempt to copy it. */
    SOURCE_CHANGED(true),
    /** The source refused access to the path. */
    SOURCE_PERMISSION_DENIED(false),
    /** A source block is missing or corrupt on every replica. */
    SOURCE_CORRUPT(false),
    /** The NameNode or DataNodes did not answer (failover, timeout). */
    SOURCE_UNAVAILABLE(true),
    /** The path to verify or audit does not exist at the source. */
    SOURCE_PATH_NOT_FOUND(false),
    /** Neither a stored nor a computed checksum could be had for a file, and Unavailable Checksum Handling says to fail. */
    CHECKSUM_UNAVAILABLE(false),
    /** The FlowFile attributes do not describe a valid operation (or the Tree Root is not under the source root). */
    INVALID_OPERATION(false),
    /** The target copy a restore was asked to read does not exist (purged from the trash, deleted, or never copied). */
    RESTORE_PATH_NOT_FOUND(false),
    /** HDFS holds another file (or a directory) where a restore writes, and the Existing File Policy keeps it or says fail. */
    RESTORE_DESTINATION_EXISTS(false),
    /** The target copy changed since an as-of listing chose it, and what it holds now is younger than that time: list again. */
    RESTORE_VERSION_CHANGED(false),
    /** The copy was interrupted because the processor stopped. */
    INTERRUPTED(true),
    /** Anything else; treated as transient so nothing is lost. */
    UNEXPECTED(true);

    private final boolean transientByDefault;

    ReplicationErrorCode(final boolean transientByDefault) {
        this.transientByDefault = transientByDefault;
    }

    public boolean isTransientByDefault() {
        return transientByDefault;
    }
}
