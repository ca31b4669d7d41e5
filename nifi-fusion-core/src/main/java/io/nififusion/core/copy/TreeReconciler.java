package io.nififusion.core.copy;

import com.azure.storage.file.datalake.models.PathItem;
import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.path.ChildrenMerge;
import io.nififusion.core.target.TargetDirectoryListing;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * RECONCILE and PRUNE of a subtree (DESIGN §2): the source listing of each directory merged with the target listing
 * of its mapped directory, one directory at a time on an explicit stack (memory bounded by the largest directory, not
 * the namespace), the way the tree audit walks. What the source has and the target lacks or holds in another version
 * is copied, what the target has and the source does not is deleted, a path whose type changed is replaced, and temp
 * files left alone longer than the orphaned temp age are removed. PRUNE only deletes (the scan that precedes it
 * emitted a record for everything the source has).
 */
final class TreeReconciler {
    private static final Logger LOGGER = LoggerFactory.getLogger(TreeReconciler.class);
    private static final int LIST_PAGE_SIZE = 5000;
    /** Open files one reconcile names for a later look; beyond that the whole reconcile is tried again later. */
    private static final int MAX_OPEN_FILES = 10_000;

    /** What the walk asks of the replicator for one path. */
    interface PathActions {
        /** Copies a source file found by the walk; the target is absent or a file. */
        ReplicationOutcome copyFile(String sourcePath, BooleanSupplier keepRunning) throws ReplicationException, IOException;

        /** Makes the target directory exist with the source directory's metadata; the target is absent or a directory. */
        ReplicationOutcome ensureDirectory(SourceFile sourceDirectory) throws ReplicationException, IOException;

        /** Deletes a target path the source does not hold, re-checking the source first and after. */
        ReplicationOutcome deleteExtra(String sourcePath, BooleanSupplier keepRunning) throws ReplicationException, IOException;

        /** Removes a target path of the other type before the source's path replaces it. */
        void removeForTypeChange(String sourcePath, String targetPath, TargetState state) throws ReplicationException;
    }

    private final ReplicationPaths paths;
    private final ExclusionFilter exclusions;
    private final TempPathNames tempNames;
    private final Duration orphanedTempAge;
    private final Clock clock;
    private final PathActions actions;

    TreeReconciler(final ReplicationPaths paths, final ReplicatorSettings settings, final Clock clock, final PathActions actions) {
        this.paths = paths;
        this.exclusions = settings.exclusions();
        this.tempNames = new TempPathNames(settings.tempPrefix());
        this.orphanedTempAge = settings.orphanedTempAge();
        this.clock = clock;
        this.actions = actions;
    }

    /** Tallies of one walk, for the outcome's detail. */
    private static final class Tally {
        private long bytes;
        private int copied;
        private int directoriesCreated;
        private int deleted;
        private int tempsRemoved;
        private int unsupported;
        private String firstUnsupported;
        private boolean dataSent;
        private boolean targetWritten;
        private final List<String> openFilePaths = new ArrayList<>();

        private void add(final ReplicationOutcome outcome) throws ReplicationException {
            bytes += outcome.bytesTransferred();
            dataSent |= outcome.dataSent();
            targetWritten |= outcome.targetWritten();
            openFilePaths.addAll(outcome.openFiles());
            if (openFilePaths.size() > MAX_OPEN_FILES) {
                throw new ReplicationException(ReplicationErrorCode.SOURCE_CHANGED, "More than " + MAX_OPEN_FILES
                        + " files of the subtree are open for writing; the reconcile is tried again later", null);
            }
            switch (outcome.result()) {
                case COPIED -> copied += outcome.filesCopied();
                case CREATED -> directoriesCreated++;
                case DELETED -> deleted++;
                case RECONCILED -> {
                    // a nested reconcile (a path re-created during a delete) has counted into its own outcome: only its copies add up
                    copied += outcome.filesCopied();
                }
                default -> {
                    // skipped, updated and no-op paths were already right
                }
            }
        }

        private String describe(final boolean prune) {
            final StringBuilder detail = new StringBuilder(prune ? "Pruned: " : "Reconciled: ");
            if (!prune) {
                // bytes sent include attempts that did not commit (a rival committed first, the source changed meanwhile)
                detail.append(copied).append(" files copied, ").append(bytes).append(" bytes sent, ").append(directoriesCreated).append(" directories created, ");
            }
            detail.append(deleted).append(" paths deleted, ").append(tempsRemoved).append(" orphaned temps removed");
            if (!openFilePaths.isEmpty()) {
                detail.append(", ").append(openFilePaths.size()).append(" files still open for writing looked at again later");
            }
            if (unsupported > 0) {
                detail.append(", ").append(unsupported).append(" source paths ADLS cannot hold left out (first: ").append(firstUnsupported).append(')');
            }
            return detail.toString();
        }
    }

    /**
     * @param prune only delete what the source does not hold; leave copies to the records that cover them
     */
    ReplicationOutcome reconcile(final String sourcePath, final boolean prune, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        return reconcile(sourcePath, prune, orphanedTempAge, keepRunning);
    }

    /**
     * @param tempAge how old a temp file must be to go: zero for a tree just moved, whose temps belong to copies that
     *     can no longer commit (their temp path is gone)
     */
    ReplicationOutcome reconcile(final String sourcePath, final boolean prune, final Duration tempAge, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        final String targetRoot = paths.toTargetPath(sourcePath);
        if (exclusions.isExcluded(sourcePath)) {
            return ReplicationOutcome.noop(targetRoot, "Source " + sourcePath + " is excluded");
        }
        final Tally tally = new Tally();
        final SourceFile root = paths.stat(sourcePath);
        if (root == null) {
            tally.add(actions.deleteExtra(sourcePath, keepRunning));
            return outcome(targetRoot, tally, prune);
        }
        final TargetState rootState = targetRoot.isEmpty() ? TargetState.of(true, 0, null, Map.of()) : paths.targetState(targetRoot);
        if (!root.directory()) {
            if (rootState.exists() && rootState.directory()) {
                actions.removeForTypeChange(sourcePath, targetRoot, rootState);
            }
            if (!prune) {
                tally.add(actions.copyFile(sourcePath, keepRunning));
            }
            return outcome(targetRoot, tally, prune);
        }
        if (rootState.exists() && !rootState.directory()) {
            actions.removeForTypeChange(sourcePath, targetRoot, rootState);
        }
        if (!targetRoot.isEmpty()) {
            tally.add(actions.ensureDirectory(root));
        }
        final Deque<String> pending = new ArrayDeque<>();
        pending.push(sourcePath);
        while (!pending.isEmpty()) {
            if (!keepRunning.getAsBoolean()) {
                throw new ReplicationException(ReplicationErrorCode.INTERRUPTED, "Reconcile of " + sourcePath + " stopped before it covered the whole tree", null);
            }
            reconcileDirectory(pending.pop(), prune, tempAge, pending, tally, keepRunning);
        }
        return outcome(targetRoot, tally, prune);
    }

    /**
     * The deleting half for the children of one directory only: what the target holds in it that the source does not
     * goes (orphaned temps by their age), nothing is copied and nothing below is walked. For a directory a snapshot
     * difference reports modified: a reconcile that walked it between two snapshots may have copied a child that existed
     * only in between, a name no difference will ever report.
     *
     * @return what was removed, or null when nothing was
     */
    String pruneChildren(final String sourceDirectory, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        final Tally tally = new Tally();
        reconcileDirectory(sourceDirectory, true, orphanedTempAge, new ArrayDeque<>(), tally, keepRunning);
        return tally.deleted + tally.tempsRemoved == 0 ? null : tally.describe(true);
    }

    private void reconcileDirectory(final String sourceDirectory, final boolean prune, final Duration tempAge, final Deque<String> pending,
                                    final Tally tally, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        final String targetDirectory = paths.toTargetPath(sourceDirectory);
        final SortedMap<String, FileStatus> sourceChildren = listSource(sourceDirectory);
        if (sourceChildren == null) {
            // deleted since it was listed: its DELETE record, or the reconcile of its parent, decides
            return;
        }
        final SortedMap<String, PathItem> targetChildren = TargetDirectoryListing.children(paths.target(), targetDirectory, LIST_PAGE_SIZE);
        // the trash beside the live tree holds what the source deleted: not an extra path of the live tree
        targetChildren.values().removeIf(item -> paths.trash().isTrash(item.getName()));
        for (final ChildrenMerge.Pair<FileStatus, PathItem> child : new ChildrenMerge<>(sourceChildren, targetChildren)) {
            final String sourcePath = child(sourceDirectory, child.name());
            if (child.target() == null) {
                sourceOnly(sourcePath, child.source(), prune, pending, tally, keepRunning);
            } else if (child.source() == null) {
                targetOnly(sourcePath, child.target(), tempAge, tally, keepRunning);
            } else {
                onBothSides(sourcePath, child.source(), child.target(), prune, pending, tally, keepRunning);
            }
        }
    }

    private void sourceOnly(final String sourcePath, final FileStatus status, final boolean prune, final Deque<String> pending, final Tally tally,
                            final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        if (prune || !supported(sourcePath, tally)) {
            return;
        }
        if (status.isDirectory()) {
            tally.add(actions.ensureDirectory(SourceFile.of(sourcePath, status)));
            pending.push(sourcePath);
        } else {
            tally.add(actions.copyFile(sourcePath, keepRunning));
        }
    }

    private void targetOnly(final String sourcePath, final PathItem item, final Duration tempAge, final Tally tally, final BooleanSupplier keepRunning)
            throws ReplicationException, IOException {
        if (tempNames.isTempPath(item.getName())) {
            removeIfOrphaned(item, tempAge, tally);
            return;
        }
        if (exclusions.isExcluded(sourcePath)) {
            // not ours to judge: the listing never replicates excluded paths, so something else wrote it
            return;
        }
        tally.add(actions.deleteExtra(sourcePath, keepRunning));
    }

    private void onBothSides(final String sourcePath, final FileStatus status, final PathItem item, final boolean prune, final Deque<String> pending,
                             final Tally tally, final BooleanSupplier keepRunning) throws ReplicationException, IOException {
        final boolean targetDirectory = Boolean.TRUE.equals(item.isDirectory());
        if (status.isDirectory() && targetDirectory) {
            if (!prune) {
                tally.add(actions.ensureDirectory(SourceFile.of(sourcePath, status)));
            }
            pending.push(sourcePath);
            return;
        }
        if (prune) {
            // a file in both, or a type change: the scan's record for the path copies or replaces it
            return;
        }
        if (status.isDirectory() != targetDirectory) {
            actions.removeForTypeChange(sourcePath, item.getName(), paths.targetState(item.getName()));
            sourceOnly(sourcePath, status, false, pending, tally, keepRunning);
            return;
        }
        tally.add(actions.copyFile(sourcePath, keepRunning));
    }

    private boolean supported(final String sourcePath, final Tally tally) {
        try {
            paths.toTargetPath(sourcePath);
            return true;
        } catch (final ReplicationException e) {
            LOGGER.debug("Reconcile leaves out {}: {}", sourcePath, e.getMessage());
            tally.unsupported++;
            if (tally.firstUnsupported == null) {
                tally.firstUnsupported = sourcePath;
            }
            return false;
        }
    }

    private void removeIfOrphaned(final PathItem item, final Duration tempAge, final Tally tally) {
        final Instant lastModified = item.getLastModified() == null ? Instant.EPOCH : item.getLastModified().toInstant();
        if (!lastModified.plus(tempAge).isAfter(clock.instant())) {
            paths.deleteQuietly(item.getName());
            tally.tempsRemoved++;
        }
    }

    /** The direct children of a source directory by name, leaving out excluded ones; null when the directory is gone. */
    private SortedMap<String, FileStatus> listSource(final String directory) throws IOException {
        return paths.source().execute(fileSystem -> {
            final SortedMap<String, FileStatus> children = new TreeMap<>();
            try {
                final RemoteIterator<FileStatus> iterator = fileSystem.listStatusIterator(new Path(directory));
                while (iterator.hasNext()) {
                    final FileStatus status = iterator.next();
                    final String name = status.getPath().getName();
                    if (!exclusions.isExcludedChild(child(directory, name), name)) {
                        children.put(name, status);
                    }
                }
            } catch (final IOException e) {
                if (ReplicationPaths.isAbsence(e)) {
                    return null;
                }
                throw e;
            }
            return children;
        });
    }

    private static ReplicationOutcome outcome(final String targetPath, final Tally tally, final boolean prune) {
        return ReplicationOutcome.reconciled(targetPath, tally.bytes, tally.dataSent, tally.copied, tally.describe(prune), tally.openFilePaths,
                tally.targetWritten);
    }

    private static String child(final String directory, final String name) {
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }
}
