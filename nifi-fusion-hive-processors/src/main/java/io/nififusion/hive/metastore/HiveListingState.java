package io.nififusion.hive.metastore;

import java.util.HashMap;
import java.util.Map;

/**
 * The listing's persisted state: a few small values whatever the metastore's size (cluster state lives in ZooKeeper).
 * While {@link Phase#SCAN}, the cursor is the last table whose records were emitted; the event id is the notification
 * log position taken before the scan began (DESIGN §2 rule 1: the change stream is opened before the scan), from which
 * the tail goes on once the scan is done.
 *
 * @param phase scanning the chosen databases, or tailing the notification log
 * @param eventId the id of the last event covered
 * @param reconcile whether the scan heals a gap (its records drop at the target what the source lacks)
 * @param cursorDatabase the database being scanned, or null before the first
 * @param cursorTable the last table of that database whose records were emitted, or null when only the database was
 * @param patterns the database patterns the state was built for: other patterns start a new scan
 */
public record HiveListingState(Phase phase, long eventId, boolean reconcile, String cursorDatabase, String cursorTable, String patterns) {
    public static final String PHASE_KEY = "hive.listing.phase";
    public static final String EVENT_ID_KEY = "hive.listing.event.id";
    public static final String RECONCILE_KEY = "hive.listing.reconcile";
    public static final String CURSOR_DATABASE_KEY = "hive.listing.cursor.database";
    public static final String CURSOR_TABLE_KEY = "hive.listing.cursor.table";
    public static final String PATTERNS_KEY = "hive.listing.patterns";

    /** Where the listing is. */
    public enum Phase {
        SCAN,
        TAIL
    }

    /** A scan that starts now, tailing from the given event id when it is done. */
    public static HiveListingState startScan(final long eventId, final boolean reconcile, final String patterns) {
        return new HiveListingState(Phase.SCAN, eventId, reconcile, null, null, patterns);
    }

    public HiveListingState withCursor(final String database, final String table) {
        return new HiveListingState(phase, eventId, reconcile, database, table, patterns);
    }

    public HiveListingState tailing() {
        return new HiveListingState(Phase.TAIL, eventId, false, null, null, patterns);
    }

    public HiveListingState tailingAfter(final long lastEventId) {
        return new HiveListingState(Phase.TAIL, lastEventId, false, null, null, patterns);
    }

    public Map<String, String> toMap() {
        final Map<String, String> map = new HashMap<>();
        map.put(PHASE_KEY, phase.name());
        map.put(EVENT_ID_KEY, Long.toString(eventId));
        map.put(RECONCILE_KEY, Boolean.toString(reconcile));
        map.put(PATTERNS_KEY, patterns);
        if (cursorDatabase != null) {
            map.put(CURSOR_DATABASE_KEY, cursorDatabase);
        }
        if (cursorTable != null) {
            map.put(CURSOR_TABLE_KEY, cursorTable);
        }
        return map;
    }

    /** The state in the map, or null when the map holds none (a first run, or a cleared state). */
    public static HiveListingState fromMap(final Map<String, String> map) {
        final String phase = map.get(PHASE_KEY);
        final String eventId = map.get(EVENT_ID_KEY);
        if (phase == null || eventId == null) {
            return null;
        }
        try {
            return new HiveListingState(Phase.valueOf(phase), Long.parseLong(eventId), Boolean.parseBoolean(map.get(RECONCILE_KEY)),
                    map.get(CURSOR_DATABASE_KEY), map.get(CURSOR_TABLE_KEY), map.getOrDefault(PATTERNS_KEY, ""));
        } catch (final IllegalArgumentException e) {
            return null;
        }
    }
}
