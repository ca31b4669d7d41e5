package io.nififusion.hive.metastore;

/**
 * One way the target metastore differs from the source for the chosen databases.
 *
 * @param kind what kind of object
 * @param name its qualified name, such as {@code sales.orders/dt=2026-12-01}
 * @param type missing at the target, extra at the target, or present with another definition
 * @param detail what differs, for a mismatch
 */
public record MetadataDifference(HiveObjectKind kind, String name, Type type, String detail) {

    /** How an object differs. */
    public enum Type {
        MISSING,
        EXTRA,
        MISMATCH
    }

    @Override
    public String toString() {
        return type + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name + (detail == null ? "" : ": " + detail);
    }
}
