package io.nififusion.core.restore;

import java.util.List;

/**
 * One bounded piece of a restore listing.
 *
 * @param entries the entries, in {@link RelativePathOrder}
 * @param cursor where the next page starts (the relative path of the last entry examined), or null when the listing is complete
 */
public record RestorePage(List<RestoreEntry> entries, String cursor) {
    public RestorePage {
        entries = List.copyOf(entries);
    }

    public boolean isComplete() {
        return cursor == null;
    }
}
