package io.nififusion.hive.metastore;

/** What applying one metadata record did. */
public enum MetadataOutcome {
    /** The target was changed to match the source. */
    APPLIED,
    /** The target already matched the source. */
    UNCHANGED,
    /** Something the record needs is not at the target yet (a partition's data): the record is tried again later. */
    PENDING
}
