package io.nififusion.core.trash;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeRequestConditions;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.options.DataLakePathCreateOptions;

import java.time.Clock;

/**
 * Moves a target path the source deleted into a new trash batch instead of deleting it: one atomic rename with the
 * hierarchical namespace, whatever the size of the tree, after the batch's parent directories are created (ADLS
 * renames only into an existing directory). The batch is new to this delete, so the rename never meets another path.
 */
public final class TrashMover {
    private final DataLakeFileSystemClient target;
    private final TrashLayout layout;
    private final Clock clock;

    public TrashMover(final DataLakeFileSystemClient target, final TrashLayout layout, final Clock clock) {
        this.target = target;
        this.layout = layout;
        this.clock = clock;
    }

    /**
     * @param livePath the target path to move, relative to the filesystem, below the mapped root
     * @param ifMatch the entity tag the path must still have, or null for whatever it holds
     * @return the path it now has in the trash, or null when it was gone already
     * @throws DataLakeStorageException 412 when the path changed since its entity tag was read
     */
    public String moveToTrash(final String livePath, final String ifMatch) {
        if (layout.relativeToRoot(livePath).isEmpty()) {
            throw new IllegalArgumentException("The mapped root itself is never moved to the trash");
        }
        if (layout.isTrash(livePath)) {
            throw new IllegalArgumentException("Target path [" + livePath + "] is in the trash already");
        }
        final String batch = TrashLayout.newBatchName(clock.instant());
        final String trashPath = layout.trashPathFor(batch, livePath);
        // the batch says what was moved into it: the directories above that are only its parents, not versions of anything
        target.getDirectoryClient(layout.batchPath(batch)).createWithResponse(new DataLakePathCreateOptions()
                .setMetadata(layout.batchMarker(livePath, TrashLayout.DELETED))
                .setRequestConditions(new DataLakeRequestConditions().setIfNoneMatch("*")), null, Context.NONE);
        final String parent = trashPath.substring(0, trashPath.lastIndexOf('/'));
        if (!parent.equals(layout.batchPath(batch))) {
            target.getDirectoryClient(parent).createIfNotExists();
        }
        final DataLakeRequestConditions source = ifMatch == null ? null : new DataLakeRequestConditions().setIfMatch(ifMatch);
        try {
            target.getFileClient(livePath).renameWithResponse(null, trashPath, source, new DataLakeRequestConditions().setIfNoneMatch("*"), null,
                    Context.NONE);
        } catch (final DataLakeStorageException e) {
            if (e.getStatusCode() == 404 && ifMatch == null) {
                target.getDirectoryClient(layout.batchPath(batch)).deleteRecursivelyWithResponse(null, null, Context.NONE);
                return null;
            }
            throw e;
        }
        return trashPath;
    }
}
