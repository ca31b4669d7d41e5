package io.nififusion.core.restore;

import java.time.Instant;

/**
 * Which version of a tree a restore listing lists.
 *
 * @param asOf null for the live tree as it is now; otherwise the moment whose tree is wanted: each path's version that
 *     was current then, taken from the trash batches deleted after it or from the live tree when nothing replaced it since
 */
public record RestoreScope(Instant asOf) {
    public static final RestoreScope LIVE = new RestoreScope(null);

    public static RestoreScope asOf(final Instant moment) {
        if (moment == null) {
            throw new IllegalArgumentException("An as-of scope needs a time");
        }
        return new RestoreScope(moment);
    }

    public boolean isLive() {
        return asOf == null;
    }
}
