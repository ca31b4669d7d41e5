package io.nififusion.processors.torture;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.restore.RestoreSettings;
import io.nififusion.core.trash.TrashLayout;
import io.nififusion.processors.FusionTestServices;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verdict on a restore torture run, from plain HDFS and SDK reads: the restored tree must equal the target tree it
 * was restored from ({@link ConvergenceChecker}: every path, type, length, bytes by CRC32C of full reads of both sides,
 * permission bits), with two outcomes the run's own target changes allow and nothing else: a file the forward path
 * deleted during the restore is at HDFS exactly as it was before the delete (restored first) or absent, and its record
 * failed with RESTORE_PATH_NOT_FOUND; restoring to the original paths, a file changed at HDFS while its record ran may
 * fail with RESTORE_DESTINATION_EXISTS. No restore temp or part may be left anywhere in the run's HDFS tree, and no restored path
 * may carry an extended attribute (the seeded tree has none: one there is the restore's own bookkeeping).
 */
final class RestoreTortureCheck {

    /**
     * @param differences differences the checker found
     * @param accountedDifferences of which the run's target deletes account for
     * @param failures records that ended on failure
     * @param accountedFailures of which the run's target changes account for
     * @param tempsLeft restore temps and parts left at HDFS
     * @param problems everything not accounted for: any makes the run fail
     */
    record Result(int differences, int accountedDifferences, int failures, int accountedFailures, int tempsLeft, List<String> problems) {
    }

    private final TortureEnvironment environment;
    private final TortureLayout layout;
    private final RestoreScenario scenario;
    private final String restoreRoot;
    private final String deletedTree;
    private final Map<String, RestoreFaults.DeletedVersion> deletedDuringRestore;
    private final Set<String> overwrittenDuringRestore;
    private final RestoreLedger ledger;

    RestoreTortureCheck(final TortureEnvironment environment, final TortureLayout layout, final RestoreScenario scenario, final String restoreRoot,
                        final String deletedTree, final Map<String, RestoreFaults.DeletedVersion> deletedDuringRestore,
                        final Set<String> overwrittenDuringRestore, final RestoreLedger ledger) {
        this.environment = environment;
        this.layout = layout;
        this.scenario = scenario;
        this.restoreRoot = restoreRoot;
        this.deletedTree = deletedTree;
        this.deletedDuringRestore = deletedDuringRestore;
        this.overwrittenDuringRestore = overwrittenDuringRestore;
        this.ledger = ledger;
    }

    Result check() throws IOException {
        final List<String> problems = new ArrayList<>();
        final DistributedFileSystem hdfs = environment.fileSystem();
        final DataLakeFileSystemClient target = FusionTestServices.createFileSystem(environment.emulator(), layout.fileSystem());
        final List<ConvergenceDifference> differences = new ConvergenceChecker(hdfs, target, comparedLayout(target)).check();
        int accountedDifferences = 0;
        for (final ConvergenceDifference difference : differences) {
            if (restoredBeforeItsDelete(hdfs, difference)) {
                accountedDifferences++;
            } else {
                problems.add("difference " + difference.describe());
            }
        }
        final List<String> temps = restoreTemps(hdfs, layout.base());
        for (final String temp : temps) {
            problems.add("restore temp or part left: " + temp);
        }
        problems.addAll(extendedAttributesLeft(hdfs, restoreRoot == null ? layout.listingRoots().getFirst() : restoreRoot));
        int failures = 0;
        int accountedFailures = 0;
        for (final Map.Entry<String, List<RestoreLedger.Ending>> path : ledger.all().entrySet()) {
            for (final RestoreLedger.Ending ending : path.getValue()) {
                if (ending.success()) {
                    continue;
                }
                failures++;
                if (isAccountedFailure(path.getKey(), ending)) {
                    accountedFailures++;
                } else {
                    problems.add("record of " + path.getKey() + " ended on failure, which no change of the run accounts for: " + ending.describe());
                }
            }
        }
        if (scenario == RestoreScenario.AS_OF_AFTER_DELETE) {
            problems.addAll(outsideTheRestoredTree(hdfs));
        }
        return new Result(differences.size(), accountedDifferences, failures, accountedFailures, temps.size(), problems);
    }

    /**
     * The two trees compared, as the checker's layout: the HDFS side is the restored tree (below the restore root, or the
     * original paths), the target side the live tree, or for an as-of restore the trash batch of the delete.
     */
    private TortureLayout comparedLayout(final DataLakeFileSystemClient target) {
        final String treeRelative = layout.listingRoots().getFirst().substring(layout.mappedSourceRoot().length());
        return switch (scenario) {
            case ORIGINAL_PATHS_AFTER_DELETE -> layout;
            case LIVE_UNDER_ROOT -> new TortureLayout(layout.runName(), layout.base(), restoreRoot, List.of(restoreRoot + treeRelative),
                    layout.mappedOutside(), layout.unmappedOutside(), layout.fileSystem(), layout.targetRoot());
            case AS_OF_AFTER_DELETE -> {
                final String deletedRelative = deletedTree.substring(layout.mappedSourceRoot().length());
                final String parentRelative = deletedRelative.substring(0, deletedRelative.lastIndexOf('/'));
                final String batch = onlyTrashBatch(target);
                yield new TortureLayout(layout.runName(), layout.base(), restoreRoot + parentRelative, List.of(restoreRoot + deletedRelative),
                        layout.mappedOutside(), layout.unmappedOutside(), layout.fileSystem(), batch + parentRelative);
            }
        };
    }

    /** The trash batch the scenario's one delete made, found by the documented layout: {@code <target root>/.fusion-trash/<batch>}. */
    private String onlyTrashBatch(final DataLakeFileSystemClient target) {
        final List<String> batches = new ArrayList<>();
        for (final PathItem item : target.listPaths(new ListPathsOptions().setPath(layout.targetRoot() + "/" + TrashLayout.DIRECTORY_NAME), null)) {
            batches.add(item.getName());
        }
        if (batches.size() != 1) {
            throw new IllegalStateException("Expected one trash batch for the one delete, found " + batches);
        }
        return batches.getFirst();
    }

    /** A file at HDFS that the target no longer has, because the forward path deleted it after its record restored it. */
    private boolean restoredBeforeItsDelete(final DistributedFileSystem hdfs, final ConvergenceDifference difference) throws IOException {
        final String sourcePath = sourcePathOf(difference.sourcePath());
        final RestoreFaults.DeletedVersion version = deletedDuringRestore.get(sourcePath);
        if (difference.kind() != ConvergenceDifference.Kind.MISSING_AT_TARGET || version == null) {
            return false;
        }
        final boolean restored = ledger.endings(sourcePath).stream().anyMatch(RestoreLedger.Ending::success);
        return restored && RestoreTortureTree.length(hdfs, difference.sourcePath()) == version.length()
                && RestoreTortureTree.crc32c(hdfs, difference.sourcePath()) == version.crc32c();
    }

    private boolean isAccountedFailure(final String sourcePath, final RestoreLedger.Ending ending) {
        if (ReplicationErrorCode.RESTORE_PATH_NOT_FOUND.name().equals(ending.errorCode())) {
            return deletedDuringRestore.containsKey(sourcePath);
        }
        if (ReplicationErrorCode.RESTORE_DESTINATION_EXISTS.name().equals(ending.errorCode())) {
            return scenario == RestoreScenario.ORIGINAL_PATHS_AFTER_DELETE
                    && (deletedDuringRestore.containsKey(sourcePath) || overwrittenDuringRestore.contains(sourcePath));
        }
        return false;
    }

    /** The source path an HDFS path of the restored tree stands for. */
    private String sourcePathOf(final String hdfsPath) {
        if (restoreRoot == null || !hdfsPath.startsWith(restoreRoot)) {
            return hdfsPath;
        }
        return layout.mappedSourceRoot() + hdfsPath.substring(restoreRoot.length());
    }

    /** An as-of restore of one tree writes nothing beside it: below the restore root only that tree and its parents. */
    private List<String> outsideTheRestoredTree(final DistributedFileSystem hdfs) throws IOException {
        final String restored = restoreRoot + deletedTree.substring(layout.mappedSourceRoot().length());
        final List<String> outside = new ArrayList<>();
        for (final String path : walk(hdfs, restoreRoot)) {
            if (!path.equals(restored) && !path.startsWith(restored + "/") && !restored.startsWith(path + "/")) {
                outside.add("restored outside the tree asked for: " + path);
            }
        }
        return outside;
    }

    /** The seeded tree has no extended attributes, so a restored path with one carries the restore's own bookkeeping. */
    private static List<String> extendedAttributesLeft(final DistributedFileSystem hdfs, final String directory) throws IOException {
        final List<String> left = new ArrayList<>();
        for (final String path : walk(hdfs, directory)) {
            final Map<String, byte[]> attributes = hdfs.getXAttrs(new Path(path));
            if (attributes != null && !attributes.isEmpty()) {
                left.add("extended attributes " + attributes.keySet() + " on restored " + path + ", which the source never had");
            }
        }
        return left;
    }

    /** Every temp or part of RestoreToHDFS (its default prefix) below the directory. */
    private static List<String> restoreTemps(final DistributedFileSystem hdfs, final String directory) throws IOException {
        final List<String> temps = new ArrayList<>();
        for (final String path : walk(hdfs, directory)) {
            if (path.substring(path.lastIndexOf('/') + 1).startsWith(RestoreSettings.DEFAULT_TEMP_PREFIX)) {
                temps.add(path);
            }
        }
        return temps;
    }

    private static List<String> walk(final DistributedFileSystem hdfs, final String directory) throws IOException {
        final List<String> paths = new ArrayList<>();
        final Deque<Path> pending = new ArrayDeque<>();
        pending.push(new Path(directory));
        while (!pending.isEmpty()) {
            final FileStatus[] children;
            try {
                children = hdfs.listStatus(pending.pop());
            } catch (final FileNotFoundException e) {
                continue;
            }
            for (final FileStatus child : children) {
                paths.add(child.getPath().toUri().getPath());
                if (child.isDirectory()) {
                    pending.push(child.getPath());
                }
            }
        }
        return paths;
    }
}
