package io.nififusion.core.copy;

import io.nififusion.core.path.TargetPathMapper;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * ADLS creates the missing parents of any path it creates, so an operation that was still running when its source
 * directory was deleted or moved away (a reconcile walking it, a copy into it) can bring that directory back at the
 * target after the directory's DELETE was applied, and no later record names it. After each operation its paths and
 * their parents are looked at: the highest one the source no longer has is deleted as its DELETE deletes it (read
 * first, the source checked again after).
 */
final class VanishedParentPruner {
    private final ReplicationPaths paths;
    private final ReplicatorSettings settings;
    private final DeleteApplier deletes;

    VanishedParentPruner(final ReplicationPaths paths, final ReplicatorSettings settings, final DeleteApplier deletes) {
        this.paths = paths;
        this.settings = settings;
        this.deletes = deletes;
    }

    /**
     * @param otherPath the rename's origin, or null
     * @param path the operation's path, or null when the operation itself saw it at the source after its commit
     * @return what was done, or null when every parent is still at the source (one NameNode call a path in the usual case)
     */
    String prune(final String otherPath, final String path, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        if (settings.deletePolicy() == DeletePolicy.IGNORE) {
            return null;
        }
        final StringBuilder done = new StringBuilder();
        for (final String sourcePath : new String[] {otherPath, path}) {
            final String vanished = highestVanished(sourcePath);
            if (vanished != null) {
                final ReplicationOutcome deleted = deletes.delete(vanished, keepRunning);
                if (deleted.result() != ReplicationResult.NOOP) {
                    done.append(done.isEmpty() ? "" : "; ").append("parent ").append(vanished).append(" is gone at the source: ").append(deleted.detail());
                }
            }
        }
        return done.isEmpty() ? null : done.toString();
    }

    /** The path itself or its highest parent below the source root that the source no longer has, or null. */
    private String highestVanished(final String sourcePath) throws IOException {
        if (sourcePath == null) {
            return null;
        }
        final TargetPathMapper mapper = paths.pathMapper();
        String vanished = null;
        for (String path = sourcePath; path != null && mapper.covers(path) && !path.equals(mapper.getSourceRoot()) && !settings.exclusions().isExcluded(path);
                path = parentOf(path)) {
            if (paths.stat(path) != null) {
                break;
            }
            vanished = path;
        }
        return vanished;
    }

    private static String parentOf(final String path) {
        final int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }
}
