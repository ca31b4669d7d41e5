package io.nififusion.processors.list;

import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.listing.SourceRoots;
import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A target that applies replication records as states (DESIGN §2) against the live source, the way ReplicateToADLS
 * decides them, to check that the records of a listing converge: after applying them, the target holds exactly the
 * source tree.
 */
final class TargetTreeModel {
    private final FileSystem source;
    private final ExclusionFilter exclusions;
    /** path → "dir" or "file:<length>" */
    private final Map<String, String> entries = new TreeMap<>();

    TargetTreeModel(final FileSystem source, final ExclusionFilter exclusions) {
        this.source = source;
        this.exclusions = exclusions;
    }

    void applyAll(final List<ReplicationOperation> operations) throws IOException {
        for (final ReplicationOperation operation : operations) {
            apply(operation);
        }
    }

    void apply(final ReplicationOperation operation) throws IOException {
        final String path = operation.path();
        final FileStatus status = statusOf(path);
        switch (operation.type()) {
            case MKDIR, COPY -> {
                if (status != null && status.isDirectory() == (operation.type() == OperationType.MKDIR)) {
                    entries.put(path, status.isDirectory() ? "dir" : "file:" + status.getLen());
                } else if (status != null) {
                    reconcile(path);
                }
            }
            case DELETE, RECONCILE -> reconcile(path);
            case METADATA -> {
                // structure only: metadata does not change which paths exist
            }
            case RENAME -> {
                // a move or a reconcile of both names end in the same state
                reconcile(path);
                reconcile(operation.sourcePath());
            }
            case PRUNE -> prune(path);
        }
    }

    /** The subtree made to match the source: what the replicator's RECONCILE ends with. */
    private void reconcile(final String path) throws IOException {
        removeTree(path);
        copyTree(path);
    }

    /** What the source does not hold goes; nothing is added. */
    private void prune(final String path) throws IOException {
        for (final String existing : new TreeMap<>(entries).keySet()) {
            if (SourceRoots.isSameOrDescendant(existing, path) && statusOf(existing) == null) {
                removeTree(existing);
            }
        }
    }

    private void copyTree(final String path) throws IOException {
        final FileStatus status = statusOf(path);
        if (status == null) {
            return;
        }
        if (status.isFile()) {
            entries.put(path, "file:" + status.getLen());
            return;
        }
        entries.put(path, "dir");
        for (final FileStatus child : source.listStatus(new Path(path))) {
            final String childPath = child.getPath().toUri().getPath();
            if (!exclusions.isExcluded(childPath)) {
                copyTree(childPath);
            }
        }
    }

    private void removeTree(final String path) {
        entries.keySet().removeIf(existing -> SourceRoots.isSameOrDescendant(existing, path));
    }

    private FileStatus statusOf(final String path) throws IOException {
        try {
            return source.getFileStatus(new Path(path));
        } catch (final FileNotFoundException e) {
            return null;
        }
    }

    Map<String, String> getEntries() {
        return entries;
    }

    /** The source tree under the root, in the same form, exclusions left out. */
    static Map<String, String> sourceTree(final FileSystem source, final String root, final ExclusionFilter exclusions) throws IOException {
        final Map<String, String> tree = new TreeMap<>();
        final TargetTreeModel model = new TargetTreeModel(source, exclusions);
        model.copyTree(root);
        tree.putAll(model.entries);
        return tree;
    }

    static boolean isCopy(final ReplicationOperation operation, final String path) {
        return operation.type() == OperationType.COPY && operation.path().equals(path);
    }
}
