package io.nififusion.core.copy;

/** What to do when a target file exists that replication did not write (no source version recorded on it). */
public enum ExistingTargetPolicy {
    /** Replace it with the source file. */
    OVERWRITE,
    /** Leave it and fail the operation, so an operator decides. */
    FAIL
}
