package io.nififusion.hive.metastore;

import java.util.List;

/**
 * One bounded step of a scan of the chosen databases.
 *
 * @param references the objects found, in scan order
 * @param state the state after this step: the cursor moved, or the tail phase when the scan is done
 */
public record ScanPage(List<HiveObjectReference> references, HiveListingState state) {

    public boolean done() {
        return state.phase() == HiveListingState.Phase.TAIL;
    }
}
