package io.nififusion.core.restore;

/** What a restore does where HDFS already has a different file at the path it restores to. */
public enum ExistingFilePolicy {
    /** Replace it (a file with the same bytes is kept either way). */
    REPLACE,
    /** Keep it and skip the entry. */
    KEEP,
    /** Fail the entry, leaving the file alone. */
    FAIL
}
