package io.nififusion.core.listing;

import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport.DiffReportEntry;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport.DiffType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SnapshotDiffMapperTest {
    private final SnapshotDiffMapper mapper = new SnapshotDiffMapper(ExclusionFilter.parse(ExclusionFilter.DEFAULT_EXCLUSIONS));

    private static DiffReportEntry entry(final DiffType type, final String path) {
        return new DiffReportEntry(type, DFSUtilClient.string2Bytes(path));
    }

    private static DiffReportEntry rename(final String source, final String target) {
        return new DiffReportEntry(DiffType.RENAME, DFSUtilClient.string2Bytes(source), DFSUtilClient.string2Bytes(target));
    }

    private static List<String> describe(final List<ReplicationOperation> operations) {
        final List<String> described = new ArrayList<>();
        for (final ReplicationOperation operation : operations) {
            described.add(operation.type() + " " + (operation.sourcePath() == null ? "" : operation.sourcePath() + "->") + operation.path());
        }
        return described;
    }

    @Test
    void deletesThenRenamesThenCreationsAndModifications() {
        final SnapshotDiffReport report = new SnapshotDiffReport("/data", "fusion-1", "fusion-2", List.of(
                entry(DiffType.MODIFY, ""),
                entry(DiffType.CREATE, "new dir"),
                rename("a", "b"),
                entry(DiffType.DELETE, "old%#"),
                entry(DiffType.MODIFY, "a/f"),
                entry(DiffType.CREATE, "x._COPYING_"),
                rename("up._COPYING_", "up"),
                rename("gone", ".Trash")));
        final ChangeSet changes = mapper.map("/data", report);
        assertEquals(List.of("DELETE /data/old%#", "RENAME /data/a->/data/b", "RECONCILE /data/up", "DELETE /data/gone", "RECONCILE /data/new dir"),
                describe(changes.getOperations()));
        assertEquals(List.of("/data", "/data/a/f", "/data/b/f"), changes.getPathsToRefresh());
        for (final ReplicationOperation operation : changes.getOperations()) {
            assertEquals(ChangeSource.SNAPSHOT_DIFF, operation.changeSource());
        }
    }

    @Test
    void deletesBelowARenamedDirectoryAreAlsoNamedAsBeforeTheRename() {
        final SnapshotDiffReport report = new SnapshotDiffReport("/data", "fusion-1", "fusion-2", List.of(
                rename("a", "b"), entry(DiffType.DELETE, "b/f")));
        final ChangeSet changes = mapper.map("/data", report);
        assertEquals(List.of("DELETE /data/b/f", "DELETE /data/a/f", "RENAME /data/a->/data/b"), describe(changes.getOperations()));
        assertEquals(OperationType.RENAME, changes.getOperations().get(2).type());
    }

    @Test
    void rootPathsAreJoinedWithoutDoubleSlashes() {
        assertEquals("/x", SnapshotDiffMapper.absolute("/", DFSUtilClient.string2Bytes("x")));
        assertEquals("/data", SnapshotDiffMapper.absolute("/data", new byte[0]));
    }
}
