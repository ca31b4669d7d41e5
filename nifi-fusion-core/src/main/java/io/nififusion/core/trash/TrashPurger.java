package io.nififusion.core.trash;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes the trash batches older than the retention: a batch's time is in its name, so a listing of the trash
 * directory in name order finds them, oldest first, and each goes with one recursive delete (which the service pages for big trees). Several
 * nodes purging at once is harmless: a batch another node removed first is simply gone.
 */
public final class TrashPurger {
    private static final int PAGE_SIZE = 5000;

    private final DataLakeFileSystemClient target;
    private final TrashLayout layout;
    private final Clock clock;

    public TrashPurger(final DataLakeFileSystemClient target, final TrashLayout layout, final Clock clock) {
        this.target = target;
        this.layout = layout;
        this.clock = clock;
    }

    /**
     * @param retention how long a deleted or replaced version is kept
     * @param most batches removed in this call at most, so one call takes a bounded time
     * @return batches removed
     */
    public int purge(final Duration retention, final int most) {
        final Instant cutoff = clock.instant().minus(retention);
        int removed = 0;
        try {
            // names sort by time: the listing stops at the first batch still within the retention
            for (final PathItem batch : target.listPaths(new ListPathsOptions().setPath(layout.trashRoot()).setRecursive(false).setMaxResults(PAGE_SIZE), null)) {
                final String name = batch.getName().substring(batch.getName().lastIndexOf('/') + 1);
                final Instant deletedAt = TrashLayout.batchTime(name);
                if (deletedAt == null) {
                    continue;
                }
                if (deletedAt.isAfter(cutoff) || removed >= most) {
                    break;
                }
                try {
                    target.getDirectoryClient(layout.batchPath(name)).deleteRecursivelyWithResponse(null, null, Context.NONE);
                    removed++;
                } catch (final DataLakeStorageException e) {
                    if (e.getStatusCode() != 404) {
                        throw e;
                    }
                }
            }
        } catch (final DataLakeStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
        return removed;
    }
}
