package io.nififusion.core.copy;

import io.nififusion.core.operation.ReplicationOperation;
import io.nififusion.core.path.TargetPathMapper;

import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * ADLS creates the missing parents of any path it creates, so an operation that was still running when its source
 * directory was deleted or moved away (a reconcile walking it, a copy into it) can bring that directory back at the
 * target after the directory's DELETE was applied, and no later record names it. After each operation its paths and
 * their parents are looked at: the highest one the source no longer has is deleted as its DELETE deletes it (read
 * first, the source checked again after).
 * <p>
 * An operation that created nothing at the target brought nothing back: a vanished path it finds there is a migrated
 * one whose DELETE or RENAME record has yet to be applied, or a parent an interrupted writer left behind. The first
 * kind, a target path recording an inode the source still has (a directory moved after changes inside it: its
 * children's records come before its own RENAME and find both their names gone), is left to its RENAME, which moves
 * it in one request; deleting it would have that RENAME copy the whole directory again. Whatever else it finds is
 * deleted as before (a parent ADLS created implicitly records no inode).
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
     * @param origin the rename's origin, or null
     * @param originWritten the rename created something at its origin
     * @param path the operation's path, or null when the operation itself saw it at the source after its commit
     * @param pathWritten the operation created something at its path (for a rename, its destination), or may have (it failed)
     * @return what was done, or null when every parent is still at the source (one NameNode call a path in the usual case)
     */
    String prune(final String origin, final boolean originWritten, final String path, final boolean pathWritten, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        if (settings.deletePolicy() == DeletePolicy.IGNORE) {
            return null;
        }
        final String fromOrigin = prune(origin, originWritten, keepRunning);
        final String fromPath = prune(path, pathWritten, keepRunning);
        return fromOrigin == null ? fromPath : fromPath == null ? fromOrigin : fromOrigin + "; " + fromPath;
    }

    private String prune(final String sourcePath, final boolean written, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        final String vanished = highestVanished(sourcePath);
        if (vanished == null || !written && movedAway(vanished)) {
            return null;
        }
        final ReplicationOutcome deleted = deletes.delete(vanished, keepRunning);
        return deleted.result() == ReplicationResult.NOOP ? null : "parent " + vanished + " is gone at the source: " + deleted.detail();
    }

    /** Whether the target path of a vanished source path records an inode the source still has, under another name. */
    private boolean movedAway(final String vanishedSourcePath) throws ReplicationException, IOException {
        final long fileId = paths.targetState(paths.toTargetPath(vanishedSourcePath)).recordedFileId();
        return fileId != ReplicationOperation.UNKNOWN && paths.inodeExists(fileId);
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
