package io.nififusion.hive.metastore;

/**
 * The value of {@code fusion.error.code} for metastore records, beside the bundle's codes for files
 * ({@code ReplicationErrorCode}): what went wrong, and whether trying again later can help.
 */
public enum MetastoreErrorCode {
    /** A metastore did not answer, or the connection broke (timeout, reset, refused). */
    METASTORE_UNAVAILABLE(true),
    /** The source cluster's HDFS could not be read (a partition's files, checked before the partition is added); the same code as the data records'. */
    SOURCE_UNAVAILABLE(true),
    /**
     * The target changed between the read and the write: another task created the same object first (several tasks and
     * nodes apply records of one table at once). The same code as the data records'; applied again from a fresh read.
     */
    TARGET_CONCURRENT_CHANGE(true),
    /** A metastore refused the request as invalid (an object it cannot hold, a permission it denies). */
    METASTORE_REQUEST_REJECTED(false),
    /** A location lies on another file system than the source cluster, or outside the mapping's Source Root: its data is not migrated. */
    LOCATION_NOT_MIGRATED(false),
    /** A location maps to a target path ADLS cannot hold. */
    TARGET_PATH_UNSUPPORTED(false),
    /** The FlowFile attributes do not name a metastore object. */
    INVALID_OPERATION(false),
    /** Anything else; treated as transient so nothing is lost. */
    UNEXPECTED(true);

    private final boolean transientByDefault;

    MetastoreErrorCode(final boolean transientByDefault) {
        this.transientByDefault = transientByDefault;
    }

    public boolean isTransientByDefault() {
        return transientByDefault;
    }
}
