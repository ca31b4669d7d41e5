package io.nififusion.core.listing;

import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.inotify.Event;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InotifyEventMapperTest {
    private final OpenFileTracker openFiles = new OpenFileTracker(100);
    private final InotifyEventMapper mapper = new InotifyEventMapper(SourceRoots.parse("/data,/warehouse"),
            ExclusionFilter.parse(ExclusionFilter.DEFAULT_EXCLUSIONS), openFiles);

    private ChangeSet map(final long txid, final Event... events) {
        final ChangeSet changes = new ChangeSet();
        mapper.map(new EventBatch(txid, events), changes, 1_000L);
        return changes;
    }

    private static Event.CreateEvent createFile(final String path) {
        return new Event.CreateEvent.Builder().iNodeType(Event.CreateEvent.INodeType.FILE).path(path).ctime(10L)
                .ownerName("etl").groupName("hadoop").perms(new FsPermission((short) 0644)).build();
    }

    @Test
    void fileIsCopiedOnCloseNotOnCreate() {
        assertTrue(map(5, createFile("/data/f")).isEmpty());
        assertEquals(1, openFiles.size());
        final List<ReplicationOperation> operations = map(6, new Event.CloseEvent("/data/f", 42L, 20L)).getOperations();
        assertEquals(1, operations.size());
        final ReplicationOperation copy = operations.getFirst();
        assertEquals(OperationType.COPY, copy.type());
        assertEquals("/data/f", copy.path());
        assertEquals(42L, copy.length());
        assertEquals(20L, copy.modificationTime());
        assertEquals(6L, copy.transactionId());
        assertEquals(ChangeSource.INOTIFY, copy.changeSource());
        assertEquals(0, openFiles.size());
    }

    @Test
    void appendIsCopiedOnItsCloseAndTruncateAtOnce() {
        assertTrue(map(7, new Event.AppendEvent.Builder().path("/data/f").build()).isEmpty());
        assertEquals(OperationType.COPY, map(8, new Event.CloseEvent("/data/f", 50L, 30L)).getOperations().getFirst().type());
        final ReplicationOperation truncate = map(9, new Event.TruncateEvent("/data/f", 3L, 40L)).getOperations().getFirst();
        assertEquals(OperationType.COPY, truncate.type());
        assertEquals(3L, truncate.length());
    }

    @Test
    void directoryCreationIsMkdirWithItsMetadata() {
        final ReplicationOperation mkdir = map(3, new Event.CreateEvent.Builder().iNodeType(Event.CreateEvent.INodeType.DIRECTORY).path("/data/d")
                .ctime(10L).ownerName("etl").groupName("hadoop").perms(new FsPermission((short) 0750)).build()).getOperations().getFirst();
        assertEquals(OperationType.MKDIR, mkdir.type());
        assertTrue(mkdir.directory());
        assertEquals("750", mkdir.permission());
        assertEquals("etl", mkdir.owner());
    }

    @Test
    void unlinkIsDelete() {
        final ReplicationOperation delete = map(4, new Event.UnlinkEvent.Builder().path("/data/d").timestamp(1L).build()).getOperations().getFirst();
        assertEquals(OperationType.DELETE, delete.type());
        assertEquals("/data/d", delete.path());
    }

    @Test
    void renamesInsideOutOfAndIntoTheRoots() {
        final ChangeSet insideChanges = map(11, rename("/data/dir", "/warehouse/dir"));
        // one record: applying it reconciles the new name, so records of old names that arrive after it lose nothing
        assertEquals(1, insideChanges.getOperations().size());
        final ReplicationOperation inside = insideChanges.getOperations().getFirst();
        assertEquals(OperationType.RENAME, inside.type());
        assertEquals("/data/dir", inside.sourcePath());
        assertEquals("/warehouse/dir", inside.path());

        final ReplicationOperation out = map(12, rename("/data/dir", "/archive/dir")).getOperations().getFirst();
        assertEquals(OperationType.DELETE, out.type());
        assertEquals("/data/dir", out.path());

        final ChangeSet into = map(13, rename("/staging/dir", "/data/dir"));
        assertEquals(List.of("RECONCILE /data/dir"), describe(into));

        assertTrue(map(14, rename("/staging/a", "/staging/b")).isEmpty());
    }

    @Test
    void hiddenUploadRenamedToItsFinalNameIsReconciledAsANewFile() {
        assertTrue(map(20, createFile("/data/in.csv._COPYING_"), new Event.CloseEvent("/data/in.csv._COPYING_", 9L, 1L)).isEmpty());
        assertEquals(List.of("RECONCILE /data/in.csv"), describe(map(21, rename("/data/in.csv._COPYING_", "/data/in.csv"))));
        assertEquals(OperationType.DELETE, map(22, rename("/data/in.csv", "/data/.Trash/in.csv")).getOperations().getFirst().type());
    }

    @Test
    void metadataChangesExceptReplicationAndXattrs() {
        final ReplicationOperation perms = map(30, metadata("/data/f", Event.MetadataUpdateEvent.MetadataType.PERMS).perms(new FsPermission((short) 0600)).build())
                .getOperations().getFirst();
        assertEquals(OperationType.METADATA, perms.type());
        assertEquals("600", perms.permission());
        final ReplicationOperation owner = map(31, metadata("/data/f", Event.MetadataUpdateEvent.MetadataType.OWNER).ownerName("hive").groupName("etl").build())
                .getOperations().getFirst();
        assertEquals("hive", owner.owner());
        assertEquals("etl", owner.group());
        final ReplicationOperation times = map(32, metadata("/data/f", Event.MetadataUpdateEvent.MetadataType.TIMES).mtime(77L).atime(5L).build())
                .getOperations().getFirst();
        assertEquals(77L, times.modificationTime());
        assertEquals(OperationType.METADATA, map(33, metadata("/data/f", Event.MetadataUpdateEvent.MetadataType.ACLS).acls(List.of()).build())
                .getOperations().getFirst().type());
        assertTrue(map(34, metadata("/data/f", Event.MetadataUpdateEvent.MetadataType.REPLICATION).replication(2).build()).isEmpty());
        assertTrue(map(35, metadata("/data/f", Event.MetadataUpdateEvent.MetadataType.XATTRS).xAttrs(List.of()).build()).isEmpty());
    }

    @Test
    void eventsOutsideTheRootsOrExcludedAreDropped() {
        assertTrue(map(40, new Event.CloseEvent("/tmp/f", 1L, 1L), new Event.UnlinkEvent.Builder().path("/database").build(),
                new Event.CloseEvent("/data/_temporary/0/part", 1L, 1L), new Event.CloseEvent("/data/x/.part.tmp", 1L, 1L)).isEmpty());
    }

    @Test
    void filesHeldOpenBeyondTheLimitAreReportedOnce() {
        map(50, createFile("/data/slow"));
        assertTrue(openFiles.takeOverdue(100L, Duration.ofSeconds(1)).isEmpty());
        assertEquals("/data/slow", openFiles.takeOverdue(10_000L, Duration.ofSeconds(1)).getFirst().path());
        assertTrue(openFiles.takeOverdue(20_000L, Duration.ofSeconds(1)).isEmpty());
        map(51, rename("/data", "/data2"));
        map(52, new Event.UnlinkEvent.Builder().path("/data2").build());
        assertEquals(0, openFiles.size());
    }

    private static Event.RenameEvent rename(final String source, final String destination) {
        return new Event.RenameEvent.Builder().srcPath(source).dstPath(destination).timestamp(1L).build();
    }

    private static Event.MetadataUpdateEvent.Builder metadata(final String path, final Event.MetadataUpdateEvent.MetadataType type) {
        return new Event.MetadataUpdateEvent.Builder().path(path).metadataType(type);
    }

    private static List<String> describe(final ChangeSet changes) {
        final List<String> described = new ArrayList<>();
        for (final ReplicationOperation operation : changes.getOperations()) {
            described.add(operation.type() + " " + operation.path());
        }
        return described;
    }
}
