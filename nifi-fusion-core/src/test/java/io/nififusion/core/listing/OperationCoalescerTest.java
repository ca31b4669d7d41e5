package io.nififusion.core.listing;

import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OperationCoalescerTest {

    private static ReplicationOperation op(final OperationType type, final String path, final long txid) {
        return OperationFactory.ofPath(type, path, false, txid, ChangeSource.INOTIFY);
    }

    private static ReplicationOperation rename(final String source, final String destination, final long txid) {
        return new ReplicationOperation(OperationType.RENAME, destination, source, false, -1, -1, -1, null, null, null, txid, ChangeSource.INOTIFY, null);
    }

    private static List<String> describe(final List<ReplicationOperation> operations) {
        final List<String> described = new ArrayList<>();
        for (final ReplicationOperation operation : operations) {
            described.add(operation.type() + " " + (operation.sourcePath() == null ? "" : operation.sourcePath() + "->") + operation.path() + "@" + operation.transactionId());
        }
        return described;
    }

    @Test
    void repeatedCopiesKeepTheLast() {
        assertEquals(List.of("COPY /d/f@3"), describe(OperationCoalescer.coalesce(List.of(
                op(OperationType.COPY, "/d/f", 1), op(OperationType.COPY, "/d/f", 3)))));
    }

    @Test
    void deleteSupersedesEarlierRecordsOfThePathAndBelow() {
        assertEquals(List.of("COPY /d/other@4", "DELETE /d/sub@5"), describe(OperationCoalescer.coalesce(List.of(
                op(OperationType.MKDIR, "/d/sub", 1), op(OperationType.COPY, "/d/sub/f", 2), op(OperationType.METADATA, "/d/sub/f", 3),
                op(OperationType.COPY, "/d/other", 4), op(OperationType.DELETE, "/d/sub", 5)))));
    }

    @Test
    void recreationAfterDeleteKeepsBoth() {
        assertEquals(List.of("DELETE /d/f@2", "COPY /d/f@3"), describe(OperationCoalescer.coalesce(List.of(
                op(OperationType.COPY, "/d/f", 1), op(OperationType.DELETE, "/d/f", 2), op(OperationType.COPY, "/d/f", 3)))));
    }

    @Test
    void renameIsABarrier() {
        assertEquals(List.of("COPY /a/f@1", "RENAME /a->/b@2", "DELETE /a@4"), describe(OperationCoalescer.coalesce(List.of(
                op(OperationType.COPY, "/a/f", 1), rename("/a", "/b", 2), op(OperationType.COPY, "/a/f", 3), op(OperationType.DELETE, "/a", 4)))));
    }

    @Test
    void metadataAndCopyOfOnePathAreBothKept() {
        assertEquals(List.of("COPY /f@1", "METADATA /f@3"), describe(OperationCoalescer.coalesce(List.of(
                op(OperationType.METADATA, "/f", 0), op(OperationType.COPY, "/f", 1), op(OperationType.METADATA, "/f", 3)))));
    }

    @Test
    void metadataChangesOfOnePathMergeIntoOneRecordCarryingEveryField() {
        final ReplicationOperation permission = new ReplicationOperation(OperationType.METADATA, "/f", null, false, -1, -1, -1, null, null, "600", 1,
                ChangeSource.INOTIFY, null);
        final ReplicationOperation owner = new ReplicationOperation(OperationType.METADATA, "/f", null, false, -1, -1, -1, "hive", "etl", null, 2,
                ChangeSource.INOTIFY, null);
        final ReplicationOperation times = new ReplicationOperation(OperationType.METADATA, "/f", null, false, -1, 77L, -1, null, null, null, 3,
                ChangeSource.INOTIFY, null);
        final List<ReplicationOperation> merged = OperationCoalescer.coalesce(List.of(permission, owner, times));
        assertEquals(1, merged.size());
        assertEquals("600", merged.getFirst().permission());
        assertEquals("hive", merged.getFirst().owner());
        assertEquals("etl", merged.getFirst().group());
        assertEquals(77L, merged.getFirst().modificationTime());
        assertEquals(3L, merged.getFirst().transactionId());
    }
}
