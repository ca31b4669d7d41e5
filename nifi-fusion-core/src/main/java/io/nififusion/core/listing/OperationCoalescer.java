package io.nififusion.core.listing;

import io.nififusion.core.operation.OperationType;
import io.nififusion.core.operation.ReplicationOperation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shrinks an ordered list of records so one record carries the final state of a path, while applying the result in
 * order still reaches the same target tree as applying the input:
 * <ul>
 *   <li>repeated {@code COPY} or {@code MKDIR} of one path keep only the last (records are states: a later copy
 *       reads the newer source anyway);</li>
 *   <li>repeated {@code METADATA} of one path become one at the last position, each field taken from the latest
 *       record that knows it (a permission change then an owner change carry both);</li>
 *   <li>{@code DELETE} of a path drops earlier {@code COPY}, {@code MKDIR} and {@code METADATA} of that path and
 *       of everything below it (COPY then DELETE → DELETE).</li>
 * </ul>
 * A {@code RENAME}, {@code RECONCILE} or {@code PRUNE} is a barrier: nothing before it merges with anything after it,
 * because applying it reads whole subtrees.
 */
public final class OperationCoalescer {
    private OperationCoalescer() {
    }

    public static List<ReplicationOperation> coalesce(final List<ReplicationOperation> operations) {
        final List<ReplicationOperation> result = new ArrayList<>(operations.size());
        // index in result of the last mergeable record per (type, path), since the last barrier
        final Map<String, Integer> lastIndex = new HashMap<>();
        int barrier = 0;
        for (final ReplicationOperation operation : operations) {
            final OperationType type = operation.type();
            switch (type) {
                case COPY, MKDIR, METADATA -> {
                    final String key = type + " " + operation.path();
                    final Integer previous = lastIndex.get(key);
                    ReplicationOperation merged = operation;
                    if (previous != null) {
                        final ReplicationOperation earlier = result.get(previous);
                        if (earlier != null && type == OperationType.METADATA) {
                            merged = mergeMetadata(earlier, operation);
                        }
                        result.set(previous, null);
                    }
                    lastIndex.put(key, result.size());
                    result.add(merged);
                }
                case DELETE -> {
                    for (int i = barrier; i < result.size(); i++) {
                        final ReplicationOperation earlier = result.get(i);
                        if (earlier != null && earlier.type() != OperationType.DELETE && SourceRoots.isSameOrDescendant(earlier.path(), operation.path())) {
                            result.set(i, null);
                        }
                    }
                    result.add(operation);
                }
                case RENAME, RECONCILE, PRUNE -> {
                    result.add(operation);
                    lastIndex.clear();
                    barrier = result.size();
                }
            }
        }
        return compact(result);
    }

    private static ReplicationOperation mergeMetadata(final ReplicationOperation earlier, final ReplicationOperation later) {
        return new ReplicationOperation(OperationType.METADATA, later.path(), null, later.directory() || earlier.directory(),
                later.length() != ReplicationOperation.UNKNOWN ? later.length() : earlier.length(),
                later.modificationTime() != ReplicationOperation.UNKNOWN ? later.modificationTime() : earlier.modificationTime(),
                later.fileId() != ReplicationOperation.UNKNOWN ? later.fileId() : earlier.fileId(),
                later.owner() != null ? later.owner() : earlier.owner(),
                later.group() != null ? later.group() : earlier.group(),
                later.permission() != null ? later.permission() : earlier.permission(),
                later.transactionId(), later.changeSource(), later.targetPath());
    }

    private static List<ReplicationOperation> compact(final List<ReplicationOperation> result) {
        final List<ReplicationOperation> compacted = new ArrayList<>(result.size());
        for (final ReplicationOperation operation : result) {
            if (operation != null) {
                compacted.add(operation);
            }
        }
        return compacted;
    }
}
