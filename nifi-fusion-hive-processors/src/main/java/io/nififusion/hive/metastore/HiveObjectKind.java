package io.nififusion.hive.metastore;

/** What a metadata record names: the set of chosen databases, one database, one table, or one partition. */
public enum HiveObjectKind {
    /** Every database the listing's patterns choose: a reconcile of it drops, at the target, chosen databases the source no longer has. */
    DATABASES,
    DATABASE,
    TABLE,
    PARTITION
}
