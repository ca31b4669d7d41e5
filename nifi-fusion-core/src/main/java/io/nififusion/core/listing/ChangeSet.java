package io.nififusion.core.listing;

import io.nififusion.core.operation.ReplicationOperation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a batch of change events asks for: records to emit in order, and paths to look up because the change does
 * not say whether they are files or directories.
 */
public final class ChangeSet {
    private final List<ReplicationOperation> operations = new ArrayList<>();
    private final List<String> pathsToRefresh = new ArrayList<>();

    public void add(final ReplicationOperation operation) {
        operations.add(operation);
    }

    /** A path whose kind is not known: the reader emits {@code COPY} for a file, {@code METADATA} for a directory. */
    public void refresh(final String path) {
        if (!pathsToRefresh.contains(path)) {
            pathsToRefresh.add(path);
        }
    }

    public List<String> getPathsToRefresh() {
        return Collections.unmodifiableList(pathsToRefresh);
    }

    public List<ReplicationOperation> getOperations() {
        return Collections.unmodifiableList(operations);
    }

    public boolean isEmpty() {
        return operations.isEmpty() && pathsToRefresh.isEmpty();
    }

    /** This change set with its records coalesced, see {@link OperationCoalescer}. */
    public ChangeSet coalesced() {
        final ChangeSet result = new ChangeSet();
        result.operations.addAll(OperationCoalescer.coalesce(operations));
        result.pathsToRefresh.addAll(pathsToRefresh);
        return result;
    }
}
