package io.nififusion.hive.metastore;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HiveListingStateTest {

    @Test
    void roundTripsThroughTheStateMap() {
        final HiveListingState scanning = HiveListingState.startScan(41, true, "sales,web_*").withCursor("sales", "orders");
        assertEquals(scanning, HiveListingState.fromMap(scanning.toMap()));
        final HiveListingState tailing = scanning.tailingAfter(57);
        assertEquals(new HiveListingState(HiveListingState.Phase.TAIL, 57, false, null, null, "sales,web_*"), HiveListingState.fromMap(tailing.toMap()));
        assertEquals(4, tailing.toMap().size(), "a tail keeps only its position, phase, flag and patterns: " + tailing.toMap());
    }

    @Test
    void aMissingOrDamagedStateIsNoState() {
        assertNull(HiveListingState.fromMap(Map.of()));
        assertNull(HiveListingState.fromMap(Map.of(HiveListingState.PHASE_KEY, "SCAN", HiveListingState.EVENT_ID_KEY, "forty")));
        assertNull(HiveListingState.fromMap(Map.of(HiveListingState.PHASE_KEY, "PAUSED", HiveListingState.EVENT_ID_KEY, "4")));
    }
}
