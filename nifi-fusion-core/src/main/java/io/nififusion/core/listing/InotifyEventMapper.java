package io.nififusion.core.listing;

import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import org.apache.hadoop.hdfs.inotify.Event;
import org.apache.hadoop.hdfs.inotify.EventBatch;

/**
 * Turns HDFS inotify events into replication records for the configured roots:
 * <ul>
 *   <li>CLOSE and TRUNCATE → {@code COPY} (a file is copied once its writer is done, never on CREATE or APPEND);</li>
 *   <li>CREATE of a directory → {@code MKDIR};</li>
 *   <li>UNLINK → {@code DELETE};</li>
 *   <li>RENAME inside the roots → one {@code RENAME} (also for a directory; applying it reconciles the new name, so
 *       records of the old names that arrive after it lose nothing); out of the roots (or to an excluded name) →
 *       {@code DELETE} of the source; into the roots from outside (or from an excluded name, like
 *       {@code x._COPYING_} → {@code x}, or a job commit out of {@code _temporary}) → {@code RECONCILE} of the
 *       destination: one record whatever the size of the tree, so a backlog of such renames never grows state;</li>
 *   <li>METADATA of permissions, owner, ACL or times → {@code METADATA}; replication and extended attributes are
 *       ignored.</li>
 * </ul>
 * Events outside the roots or on excluded paths are dropped.
 */
public final class InotifyEventMapper {
    private final SourceRoots roots;
    private final ExclusionFilter exclusions;
    private final OpenFileTracker openFiles;

    public InotifyEventMapper(final SourceRoots roots, final ExclusionFilter exclusions, final OpenFileTracker openFiles) {
        this.roots = roots;
        this.exclusions = exclusions;
        this.openFiles = openFiles;
    }

    /**
     * Adds the records of one batch of events (one transaction) to the change set.
     *
     * @param observedAt epoch milliseconds the batch was read, used for open files whose event carries no time
     */
    public void map(final EventBatch batch, final ChangeSet changes, final long observedAt) {
        final long transactionId = batch.getTxid();
        for (final Event event : batch.getEvents()) {
            map(event, transactionId, changes, observedAt);
        }
    }

    void map(final Event event, final long transactionId, final ChangeSet changes, final long observedAt) {
        switch (event) {
            case Event.CreateEvent create -> mapCreate(create, transactionId, changes);
            case Event.CloseEvent close -> {
                openFiles.closed(close.getPath());
                if (isReplicated(close.getPath())) {
                    changes.add(new ReplicationOperation(OperationType.COPY, close.getPath(), null, false, close.getFileSize(), close.getTimestamp(),
                            ReplicationOperation.UNKNOWN, null, null, null, transactionId, ChangeSource.INOTIFY, null));
                }
            }
            case Event.AppendEvent append -> {
                if (isReplicated(append.getPath())) {
                    openFiles.opened(append.getPath(), observedAt);
                }
            }
            case Event.TruncateEvent truncate -> {
                if (isReplicated(truncate.getPath())) {
                    changes.add(new ReplicationOperation(OperationType.COPY, truncate.getPath(), null, false, truncate.getFileSize(),
                            truncate.getTimestamp(), ReplicationOperation.UNKNOWN, null, null, null, transactionId, ChangeSource.INOTIFY, null));
                }
            }
            case Event.UnlinkEvent unlink -> {
                openFiles.deleted(unlink.getPath());
                if (isReplicated(unlink.getPath())) {
                    changes.add(OperationFactory.ofPath(OperationType.DELETE, unlink.getPath(), false, transactionId, ChangeSource.INOTIFY));
                }
            }
            case Event.RenameEvent rename -> mapRename(rename, transactionId, changes);
            case Event.MetadataUpdateEvent metadata -> mapMetadata(metadata, transactionId, changes);
            default -> {
                // event types added by later Hadoop versions carry nothing this replication applies
            }
        }
    }

    private void mapCreate(final Event.CreateEvent create, final long transactionId, final ChangeSet changes) {
        final String path = create.getPath();
        if (!isReplicated(path)) {
            return;
        }
        switch (create.getiNodeType()) {
            case DIRECTORY -> changes.add(new ReplicationOperation(OperationType.MKDIR, path, null, true, ReplicationOperation.UNKNOWN,
                    create.getCtime(), ReplicationOperation.UNKNOWN, create.getOwnerName(), create.getGroupName(),
                    OperationFactory.toOctal(create.getPerms()), transactionId, ChangeSource.INOTIFY, null));
            case FILE -> openFiles.opened(path, create.getCtime());
            default -> {
                // symbolic links have no counterpart in ADLS Gen2
            }
        }
    }

    private void mapRename(final Event.RenameEvent rename, final long transactionId, final ChangeSet changes) {
        final String source = rename.getSrcPath();
        final String destination = rename.getDstPath();
        openFiles.renamed(source, destination);
        final boolean sourceReplicated = isReplicated(source);
        final boolean destinationReplicated = isReplicated(destination);
        if (sourceReplicated && destinationReplicated) {
            changes.add(new ReplicationOperation(OperationType.RENAME, destination, source, false, ReplicationOperation.UNKNOWN,
                    rename.getTimestamp(), ReplicationOperation.UNKNOWN, null, null, null, transactionId, ChangeSource.INOTIFY, null));
        } else if (sourceReplicated) {
            changes.add(OperationFactory.ofPath(OperationType.DELETE, source, false, transactionId, ChangeSource.INOTIFY));
        } else if (destinationReplicated) {
            changes.add(OperationFactory.ofPath(OperationType.RECONCILE, destination, false, transactionId, ChangeSource.INOTIFY));
        }
    }

    private void mapMetadata(final Event.MetadataUpdateEvent metadata, final long transactionId, final ChangeSet changes) {
        final String path = metadata.getPath();
        if (!isReplicated(path)) {
            return;
        }
        switch (metadata.getMetadataType()) {
            case PERMS, OWNER, ACLS, TIMES -> changes.add(new ReplicationOperation(OperationType.METADATA, path, null, false,
                    ReplicationOperation.UNKNOWN, metadata.getMetadataType() == Event.MetadataUpdateEvent.MetadataType.TIMES ? metadata.getMtime() : ReplicationOperation.UNKNOWN,
                    ReplicationOperation.UNKNOWN, metadata.getOwnerName(), metadata.getGroupName(), OperationFactory.toOctal(metadata.getPerms()),
                    transactionId, ChangeSource.INOTIFY, null));
            default -> {
                // replication factor and extended attributes do not exist on the target
            }
        }
    }

    private boolean isReplicated(final String path) {
        return path != null && roots.contains(path) && !exclusions.isExcluded(path);
    }
}
