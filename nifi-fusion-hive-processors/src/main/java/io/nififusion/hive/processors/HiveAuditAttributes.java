package io.nififusion.hive.processors;

/** Attributes of the report VerifyHiveMetadata writes, in the words of the tree audit's. */
public final class HiveAuditAttributes {
    public static final String DATABASE_PATTERNS = "hive.verify.databases";
    public static final String DATABASES_CHECKED = "hive.verify.databases.checked";
    public static final String TABLES_CHECKED = "hive.verify.tables.checked";
    public static final String PARTITIONS_CHECKED = "hive.verify.partitions.checked";
    public static final String OBJECTS_VERIFIED = "hive.verify.objects.verified";
    public static final String DIFFERENCES = "hive.verify.differences";
    public static final String MISSING = "hive.verify.differences.missing";
    public static final String EXTRA = "hive.verify.differences.extra";
    public static final String MISMATCHED = "hive.verify.differences.mismatch";

    private HiveAuditAttributes() {
    }
}
