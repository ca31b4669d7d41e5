package io.nififusion.core.listing;

import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import org.apache.hadoop.hdfs.DFSUtilClient;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the difference between two snapshots of one root into replication records, in the order that makes them
 * correct when applied in sequence: deletions first (named as in the older snapshot), then renames (one record per
 * renamed file or directory; applying it reconciles the new name), then creations ({@code RECONCILE} of the created
 * path: one record whatever the size of the tree) and modifications (a look-up: {@code COPY} for a file,
 * {@code METADATA} for a directory). Paths below a renamed directory are also emitted under their new name, since
 * records are states and a record for a path that does not exist is a no-op. Applied in any other order they converge
 * too: each record reads the source as it is now.
 */
public final class SnapshotDiffMapper {
    private final ExclusionFilter exclusions;

    public SnapshotDiffMapper(final ExclusionFilter exclusions) {
        this.exclusions = exclusions;
    }

    private record Rename(String source, String destination) {
    }

    public ChangeSet map(final String root, final SnapshotDiffReport report) {
        final List<Rename> renames = new ArrayList<>();
        for (final SnapshotDiffReport.DiffReportEntry entry : report.getDiffList()) {
            if (entry.getType() == SnapshotDiffReport.DiffType.RENAME) {
                renames.add(new Rename(absolute(root, entry.getSourcePath()), absolute(root, entry.getTargetPath())));
            }
        }

        final ChangeSet changes = new ChangeSet();
        for (final SnapshotDiffReport.DiffReportEntry entry : report.getDiffList()) {
            if (entry.getType() == SnapshotDiffReport.DiffType.DELETE) {
                final String path = absolute(root, entry.getSourcePath());
                addDelete(changes, path);
                final String older = translate(path, renames, true);
                if (!older.equals(path)) {
                    addDelete(changes, older);
                }
            }
        }
        for (final Rename rename : renames) {
            final boolean sourceReplicated = !exclusions.isExcluded(rename.source());
            final boolean destinationReplicated = !exclusions.isExcluded(rename.destination());
            if (sourceReplicated && destinationReplicated) {
                changes.add(new ReplicationOperation(OperationType.RENAME, rename.destination(), rename.source(), false, ReplicationOperation.UNKNOWN,
                        ReplicationOperation.UNKNOWN, ReplicationOperation.UNKNOWN, null, null, null, ReplicationOperation.UNKNOWN,
                        ChangeSource.SNAPSHOT_DIFF, null));
            } else if (sourceReplicated) {
                addDelete(changes, rename.source());
            } else if (destinationReplicated) {
                changes.add(reconcile(rename.destination()));
            }
        }
        for (final SnapshotDiffReport.DiffReportEntry entry : report.getDiffList()) {
            final SnapshotDiffReport.DiffType type = entry.getType();
            if (type != SnapshotDiffReport.DiffType.CREATE && type != SnapshotDiffReport.DiffType.MODIFY) {
                continue;
            }
            final String path = absolute(root, entry.getSourcePath());
            final String newer = translate(path, renames, false);
            for (final String candidate : newer.equals(path) ? List.of(path) : List.of(path, newer)) {
                if (exclusions.isExcluded(candidate)) {
                    continue;
                }
                if (type == SnapshotDiffReport.DiffType.CREATE) {
                    changes.add(reconcile(candidate));
                } else {
                    changes.refresh(candidate);
                }
            }
        }
        return changes;
    }

    private static ReplicationOperation reconcile(final String path) {
        return OperationFactory.ofPath(OperationType.RECONCILE, path, false, ReplicationOperation.UNKNOWN, ChangeSource.SNAPSHOT_DIFF);
    }

    private void addDelete(final ChangeSet changes, final String path) {
        if (!exclusions.isExcluded(path)) {
            changes.add(OperationFactory.ofPath(OperationType.DELETE, path, false, ReplicationOperation.UNKNOWN, ChangeSource.SNAPSHOT_DIFF));
        }
    }

    /** Maps a path through the renames: older to newer names, or newer to older when {@code backwards}. */
    private static String translate(final String path, final List<Rename> renames, final boolean backwards) {
        String best = null;
        String replacement = null;
        for (final Rename rename : renames) {
            final String from = backwards ? rename.destination() : rename.source();
            final String to = backwards ? rename.source() : rename.destination();
            if (!path.equals(from) && SourceRoots.isSameOrDescendant(path, from) && (best == null || from.length() > best.length())) {
                best = from;
                replacement = to;
            }
        }
        return best == null ? path : replacement + path.substring(best.length());
    }

    /** The absolute path of a diff entry; the report names paths relative to the snapshot root, "" being the root. */
    static String absolute(final String root, final byte[] relativePath) {
        final String relative = relativePath == null ? "" : DFSUtilClient.bytes2String(relativePath);
        if (relative.isEmpty() || ".".equals(relative)) {
            return root;
        }
        return "/".equals(root) ? "/" + relative : root + "/" + relative;
    }
}
