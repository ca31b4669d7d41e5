package io.nififusion.core.restore;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathItem;
import com.azure.storage.file.datalake.models.PathProperties;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.target.TargetDirectoryListing;
import io.nififusion.core.target.TargetPathProperties;
import io.nififusion.core.trash.TrashLayout;
import io.nififusion.core.target.TargetVersion;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Lists what a restore of a source subtree would bring back, from the target: one entry per file and directory, in
 * {@link RelativePathOrder}, a bounded page at a time with a cursor to go on from.
 * <ul>
 * <li>The live scope lists the mapped target subtree as it is now (temp files and the trash left out).</li>
 * <li>An as-of scope merges the live tree with every trash batch made after that time, path by path: the version a
 * path had then is the one the first delete after it moved to the trash or the first overwrite saved there, or, where nothing replaced it
 * since, the live one, if it already existed then (its recorded source modification time is not later).</li>
 * </ul>
 * Each file is read once (HEAD) for the source version and CRC32C the target recorded on it.
 */
public final class RestoreListing {
    private final DataLakeFileSystemClient fileSystem;
    private final TargetPathMapper mapper;
    private final TrashLayout trash;
    private final TargetPathProperties properties;
    private final String tempPrefix;
    private final int pageSize;

    /**
     * @param replicationTempPrefix the prefix of the temp files replication writes, left out of every listing
     * @param pageSize entries per directory listing request
     */
    public RestoreListing(final DataLakeFileSystemClient fileSystem, final TargetPathMapper mapper, final String replicationTempPrefix, final int pageSize) {
        this.fileSystem = fileSystem;
        this.mapper = mapper;
        this.trash = new TrashLayout(mapper.getTargetRoot());
        this.properties = TargetPathProperties.of(fileSystem);
        this.tempPrefix = replicationTempPrefix;
        this.pageSize = pageSize;
    }

    /**
     * One tree of the merge: the live tree or one trash batch.
     *
     * @param movedPath for a batch, the path moved into it relative to the mapped root (what is above it is only its parents)
     */
    private record Tree(TargetTreeWalker walker, Instant deletedAt, String movedPath) {
    }

    /**
     * @param sourcePath absolute source path whose copy to list (the source root or below it)
     * @param cursor the cursor of the previous page, or null to start
     * @param maxEntries paths examined in this page at most
     * @throws IllegalArgumentException when the source path is not under the mapping's source root
     */
    public RestorePage list(final String sourcePath, final RestoreScope scope, final String cursor, final int maxEntries) {
        final String subtree = trash.relativeToRoot(mapper.toTargetPath(sourcePath));
        final List<Tree> trees = new ArrayList<>();
        if (!scope.isLive()) {
            for (final Batch batch : batchesAfter(scope.asOf())) {
                trees.add(new Tree(new TargetTreeWalker(fileSystem, trash.batchPath(batch.name()), subtree, !subtree.isEmpty(), cursor,
                        this::isTemp, pageSize), batch.deletedAt(), batch.movedPath()));
            }
        }
        trees.add(new Tree(new TargetTreeWalker(fileSystem, mapper.getTargetRoot(), subtree, true, cursor,
                relative -> isTemp(relative) || relative.equals(TrashLayout.DIRECTORY_NAME), pageSize), null, null));

        final List<RestoreEntry> entries = new ArrayList<>();
        String examined = null;
        for (int count = 0; count < maxEntries; count++) {
            final String next = smallestNext(trees);
            if (next == null) {
                return new RestorePage(entries, null);
            }
            final List<Candidate> candidates = new ArrayList<>();
            for (final Tree tree : trees) {
                final TargetTreeEntry peeked = tree.walker().peek();
                if (peeked != null && peeked.relativePath().equals(next)) {
                    candidates.add(new Candidate(tree.walker().next(), tree.deletedAt(), tree.movedPath() == null
                            || next.equals(tree.movedPath()) || RelativePathOrder.isAncestor(tree.movedPath(), next)));
                }
            }
            final RestoreEntry chosen = choose(candidates, scope);
            if (chosen != null) {
                entries.add(chosen);
            }
            examined = next;
        }
        return new RestorePage(entries, smallestNext(trees) == null ? null : examined);
    }

    /** @param moved whether it is a version of its path, not only the parent directory of something moved into a batch */
    private record Candidate(TargetTreeEntry entry, Instant deletedAt, boolean moved) {
    }

    private record Batch(String name, Instant deletedAt, String movedPath) {
    }

    /**
     * Trash batches deleted or replaced after the moment, oldest first: the first one holding a path holds the version
     * it had then. A batch without its marker holds no version (a save of a replaced version interrupted mid-way).
     */
    private List<Batch> batchesAfter(final Instant moment) {
        final List<Batch> batches = new ArrayList<>();
        for (final Map.Entry<String, PathItem> child : TargetDirectoryListing.children(fileSystem, trash.trashRoot(), pageSize).entrySet()) {
            final Instant deletedAt = TrashLayout.batchTime(child.getKey());
            if (child.getValue().isDirectory() && deletedAt != null && deletedAt.isAfter(moment)) {
                final PathProperties batch = properties.readOrNull(trash.batchPath(child.getKey()));
                final String moved = batch == null ? null : TargetVersion.metadataValue(batch.getMetadata(), TrashLayout.MOVED_PATH_KEY);
                if (moved != null) {
                    batches.add(new Batch(child.getKey(), deletedAt, URLDecoder.decode(moved, StandardCharsets.UTF_8)));
                }
            }
        }
        batches.sort(Comparator.comparing(Batch::deletedAt).thenComparing(Batch::name));
        return batches;
    }

    private static String smallestNext(final List<Tree> trees) {
        String smallest = null;
        for (final Tree tree : trees) {
            final TargetTreeEntry peeked = tree.walker().peek();
            if (peeked != null && (smallest == null || RelativePathOrder.INSTANCE.compare(peeked.relativePath(), smallest) < 0)) {
                smallest = peeked.relativePath();
            }
        }
        return smallest;
    }

    /**
     * Candidates come oldest batch first, the live tree last. A path is decided by the first candidate that is a version
     * of it (a batch also holds the directories above what was moved into it, which are no versions of anything): when
     * that version did not exist yet at the moment, nothing of the path that the target still has existed then.
     */
    private RestoreEntry choose(final List<Candidate> candidates, final RestoreScope scope) {
        if (scope.isLive()) {
            return entry(candidates.getFirst(), null);
        }
        final Candidate first = candidates.stream().filter(Candidate::moved).findFirst().orElse(null);
        if (first == null) {
            // only the parents of later deletes: the directory held something then
            return entry(candidates.getFirst(), null);
        }
        if (first.entry().directory()) {
            final boolean live = first.deletedAt() == null;
            return !live || existedAt(first.entry(), scope.asOf()) || candidates.size() > 1 ? entry(first, null) : null;
        }
        final PathProperties fileProperties = properties.readOrNull(first.entry().targetPath());
        if (fileProperties == null) {
            // purged or deleted since it was listed
            return null;
        }
        final TargetVersion version = TargetVersion.fromMetadata(fileProperties.getMetadata());
        final Instant versionTime = version != null && version.modificationTime() >= 0 ? Instant.ofEpochMilli(version.modificationTime())
                : fileProperties.getLastModified().toInstant();
        if (versionTime.isAfter(scope.asOf())) {
            return null;
        }
        return entry(first, fileProperties);
    }

    private static boolean existedAt(final TargetTreeEntry entry, final Instant moment) {
        return entry.creationTime() == null || !entry.creationTime().toInstant().isAfter(moment);
    }

    private RestoreEntry entry(final Candidate candidate, final PathProperties knownProperties) {
        final TargetTreeEntry entry = candidate.entry();
        TargetVersion version = null;
        String etag = entry.etag();
        long length = entry.length();
        if (!entry.directory()) {
            final PathProperties fileProperties = knownProperties != null ? knownProperties : properties.readOrNull(entry.targetPath());
            if (fileProperties == null) {
                return null;
            }
            version = TargetVersion.fromMetadata(fileProperties.getMetadata());
            etag = fileProperties.getETag();
            length = fileProperties.getFileSize();
        }
        return new RestoreEntry(entry.targetPath(), mapper.toSourcePath(trash.livePath(entry.relativePath())), entry.directory(), length, etag,
                entry.lastModified() == null ? null : entry.lastModified().toInstant(), version, candidate.deletedAt());
    }

    private boolean isTemp(final String relative) {
        return relative.substring(relative.lastIndexOf('/') + 1).startsWith(tempPrefix);
    }
}
