package io.nififusion.core.listing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListingStateTest {

    @Test
    void roundTripsThroughStateValues() {
        final ListingState state = new ListingState("inotify /data", 42, new ScanCursor(List.of("/b"), List.of(new ScanCursor.Frame("/a", "x y"))),
                1234, 0, null, true);
        final Map<String, String> values = state.toMap();
        assertEquals("1234", values.get(ListingState.TRANSACTION_ID));
        assertEquals(state, ListingState.fromMap(values));
        assertEquals("gap", ListingState.fromMap(state.withGap("gap").toMap()).gap());
        assertFalse(ListingState.fromMap(state.withPrunePending(false).toMap()).prunePending());
    }

    @Test
    void emptyStateMeansNothingDoneYet() {
        final ListingState state = ListingState.fromMap(Map.of());
        assertEquals(0, state.sequence());
        assertEquals(-1, state.transactionId());
        assertTrue(state.scanCursor().isDone());
        assertNull(state.gap());
        assertNull(state.configuration());
    }
}
