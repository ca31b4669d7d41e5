package io.nififusion.hive.metastore;

import java.util.Locale;
import java.util.Objects;

/**
 * Names one metastore object a record is about. A record is a hint (DESIGN §2): applying it reads the object from the
 * source as it is now. With {@code reconcile}, the target's children of the object that the source lacks are dropped too
 * (tables of a database, partitions of a table, chosen databases), which is how a gap in the notification log heals.
 *
 * @param kind what is named
 * @param database database name (lower case, as the metastore keeps it); the patterns for {@link HiveObjectKind#DATABASES}
 * @param table table name, for tables and partitions
 * @param partition partition name such as {@code dt=2026-12-01/country=nl}, for partitions
 * @param reconcile also drop, at the target, the object's children that the source lacks
 */
public record HiveObjectReference(HiveObjectKind kind, String database, String table, String partition, boolean reconcile) {

    public HiveObjectReference {
        Objects.requireNonNull(kind, "Kind required");
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("A " + kind + " record needs a database");
        }
        database = kind == HiveObjectKind.DATABASES ? database.strip() : database.strip().toLowerCase(Locale.ROOT);
        if ((kind == HiveObjectKind.TABLE || kind == HiveObjectKind.PARTITION) && (table == null || table.isBlank())) {
            throw new IllegalArgumentException("A " + kind + " record needs a table");
        }
        table = table == null || table.isBlank() ? null : table.strip().toLowerCase(Locale.ROOT);
        if (kind == HiveObjectKind.PARTITION && (partition == null || partition.isBlank())) {
            throw new IllegalArgumentException("A PARTITION record needs a partition name");
        }
        partition = partition == null || partition.isBlank() ? null : partition;
    }

    public static HiveObjectReference databases(final String patterns) {
        return new HiveObjectReference(HiveObjectKind.DATABASES, patterns, null, null, true);
    }

    public static HiveObjectReference database(final String database, final boolean reconcile) {
        return new HiveObjectReference(HiveObjectKind.DATABASE, database, null, null, reconcile);
    }

    public static HiveObjectReference table(final String database, final String table, final boolean reconcile) {
        return new HiveObjectReference(HiveObjectKind.TABLE, database, table, null, reconcile);
    }

    public static HiveObjectReference partition(final String database, final String table, final String partition) {
        return new HiveObjectReference(HiveObjectKind.PARTITION, database, table, partition, false);
    }

    /** The table this partition belongs to, as a table record (for a partition whose table the target lacks). */
    public HiveObjectReference tableReference() {
        return table(database, table, false);
    }

    /** {@code db}, {@code db.table} or {@code db.table/partition}: for logs, provenance and reports. */
    public String qualifiedName() {
        return switch (kind) {
            case DATABASES -> "databases " + database;
            case DATABASE -> database;
            case TABLE -> database + "." + table;
            case PARTITION -> database + "." + table + "/" + partition;
        };
    }

    @Override
    public String toString() {
        return kind + " " + qualifiedName() + (reconcile ? " (reconcile)" : "");
    }
}
