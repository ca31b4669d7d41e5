package io.nififusion.hive.metastore;

/** A metastore record that cannot be applied, with the code that says whether a retry can help. */
public final class MetastoreReplicationException extends Exception {
    private final MetastoreErrorCode code;

    public MetastoreReplicationException(final MetastoreErrorCode code, final String message) {
        super(message);
        this.code = code;
    }

    public MetastoreReplicationException(final MetastoreErrorCode code, final String message, final Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public MetastoreErrorCode getCode() {
        return code;
    }

    public boolean isTransient() {
        return code.isTransientByDefault();
    }
}
