package io.nififusion.hive.processors;

import io.nififusion.hive.metastore.HiveObjectKind;
import io.nififusion.hive.metastore.HiveObjectReference;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The attributes of a metastore record (a FlowFile with no content), written by ListHiveChanges and read by ReplicateHiveMetadata. */
public final class HiveRecordAttributes {
    public static final String KIND = "hive.object.kind";
    public static final String DATABASE = "hive.database";
    public static final String TABLE = "hive.table";
    public static final String PARTITION = "hive.partition";
    public static final String RECONCILE = "hive.reconcile";
    public static final String EVENT_ID = "hive.event.id";
    public static final String EVENT_TYPE = "hive.event.type";
    public static final String ACTIONS = "hive.actions";
    public static final String PENDING_REASON = "hive.pending.reason";

    /** Values of {@code fusion.source} for metastore records. */
    public static final String SOURCE_SCAN = "scan";
    public static final String SOURCE_NOTIFICATION = "notification";
    public static final String SOURCE_GAP_RESCAN = "gap-rescan";

    private HiveRecordAttributes() {
    }

    public static Map<String, String> toAttributes(final HiveObjectReference reference) {
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(KIND, reference.kind().name());
        attributes.put(DATABASE, reference.database());
        if (reference.table() != null) {
            attributes.put(TABLE, reference.table());
        }
        if (reference.partition() != null) {
            attributes.put(PARTITION, reference.partition());
        }
        attributes.put(RECONCILE, Boolean.toString(reference.reconcile()));
        return attributes;
    }

    /**
     * @throws IllegalArgumentException naming the missing or invalid attribute
     */
    public static HiveObjectReference fromAttributes(final Map<String, String> attributes) {
        final String kind = attributes.get(KIND);
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("No " + KIND + " attribute: the FlowFile is not a metastore record (ListHiveChanges writes them)");
        }
        final HiveObjectKind parsed;
        try {
            parsed = HiveObjectKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(KIND + " [" + kind + "] is none of DATABASES, DATABASE, TABLE, PARTITION");
        }
        return new HiveObjectReference(parsed, attributes.get(DATABASE), attributes.get(TABLE), attributes.get(PARTITION),
                Boolean.parseBoolean(attributes.get(RECONCILE)));
    }
}
