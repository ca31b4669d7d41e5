package io.nififusion.processors.torture;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakePathClient;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;
import com.azure.storage.file.datalake.models.PathPermissions;
import com.azure.storage.file.datalake.models.RolePermissions;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * The independent judge of convergence: it shares no code with the replicator or VerifyChecksum. It walks the source
 * (listing roots, minus the excluded names) and the whole target root with plain HDFS and SDK calls, and compares paths,
 * types, lengths, bytes (CRC32C of full reads of both sides), permission bits, and looks for replicator temp files.
 * Anything at the target outside the listing roots' mapped paths is extra.
 */
final class ConvergenceChecker {
    private static final int PERMISSION_BITS = 01777;

    private final DistributedFileSystem source;
    private final DataLakeFileSystemClient target;
    private final TortureLayout layout;

    /** What the checker read of one side at one path. */
    private record Entry(boolean directory, long length, int permission) {
    }

    ConvergenceChecker(final DistributedFileSystem source, final DataLakeFileSystemClient target, final TortureLayout layout) {
        this.source = source;
        this.target = target;
        this.layout = layout;
    }

    List<ConvergenceDifference> check() throws IOException {
        final List<ConvergenceDifference> differences = new ArrayList<>();
        final Map<String, Entry> sourceTree = readSource();
        final Map<String, Entry> targetTree = readTarget(differences);
        final TreeSet<String> paths = new TreeSet<>(sourceTree.keySet());
        paths.addAll(targetTree.keySet());
        for (final String relative : paths) {
            final String sourcePath = layout.mappedSourceRoot() + relative;
            final Entry sourceEntry = sourceTree.get(relative);
            final Entry targetEntry = targetTree.get(relative);
            if (targetEntry == null) {
                differences.add(new ConvergenceDifference(ConvergenceDifference.Kind.MISSING_AT_TARGET, sourcePath, describeSource(sourcePath, sourceEntry),
                        "has nothing"));
            } else if (sourceEntry == null) {
                differences.add(new ConvergenceDifference(ConvergenceDifference.Kind.EXTRA_AT_TARGET, sourcePath, whySourceHasNothing(sourcePath),
                        describeTarget(relative, targetEntry)));
            } else if (sourceEntry.directory() != targetEntry.directory()) {
                differences.add(new ConvergenceDifference(ConvergenceDifference.Kind.TYPE, sourcePath, describeSource(sourcePath, sourceEntry),
                        describeTarget(relative, targetEntry)));
            } else {
                compareSamePath(relative, sourcePath, sourceEntry, targetEntry, differences);
            }
        }
        return differences;
    }

    private void compareSamePath(final String relative, final String sourcePath, final Entry sourceEntry, final Entry targetEntry,
                                 final List<ConvergenceDifference> differences) throws IOException {
        if (!sourceEntry.directory()) {
            if (sourceEntry.length() != targetEntry.length()) {
                differences.add(new ConvergenceDifference(ConvergenceDifference.Kind.LENGTH, sourcePath, describeSource(sourcePath, sourceEntry),
                        describeTarget(relative, targetEntry)));
            } else {
                final long sourceCrc = sourceCrc32c(sourcePath);
                final long targetCrc = targetCrc32c(targetPathOf(relative));
                if (sourceCrc != targetCrc) {
                    differences.add(new ConvergenceDifference(ConvergenceDifference.Kind.BYTES, sourcePath,
                            sourceEntry.length() + " bytes, crc32c " + hex(sourceCrc), targetEntry.length() + " bytes, crc32c " + hex(targetCrc)));
                }
            }
        }
        if (sourceEntry.permission() != targetEntry.permission()) {
            differences.add(new ConvergenceDifference(ConvergenceDifference.Kind.PERMISSION, sourcePath, octal(sourceEntry.permission()),
                    octal(targetEntry.permission())));
        }
    }

    /** Listing roots and everything below them, by path relative to the mapped source root. */
    private Map<String, Entry> readSource() throws IOException {
        final Map<String, Entry> tree = new TreeMap<>();
        for (final String root : layout.listingRoots()) {
            final FileStatus rootStatus;
            try {
                rootStatus = source.getFileStatus(new Path(root));
            } catch (final FileNotFoundException e) {
                continue;
            }
            tree.put(relativeToMappedRoot(root), sourceEntry(rootStatus));
            final Deque<Path> pending = new ArrayDeque<>();
            pending.push(rootStatus.getPath());
            while (!pending.isEmpty()) {
                for (final FileStatus child : source.listStatus(pending.pop())) {
                    final String path = child.getPath().toUri().getPath();
                    if (TortureExclusions.isExcluded(path)) {
                        continue;
                    }
                    tree.put(relativeToMappedRoot(path), sourceEntry(child));
                    if (child.isDirectory()) {
                        pending.push(child.getPath());
                    }
                }
            }
        }
        return tree;
    }

    private static Entry sourceEntry(final FileStatus status) {
        return new Entry(status.isDirectory(), status.isDirectory() ? 0 : status.getLen(), status.getPermission().toShort() & PERMISSION_BITS);
    }

    /** Everything below the target root, by path relative to it; temp files are reported at once and left out. */
    private Map<String, Entry> readTarget(final List<ConvergenceDifference> differences) {
        final Map<String, Entry> tree = new TreeMap<>();
        final Iterable<PathItem> items;
        try {
            items = target.listPaths(new ListPathsOptions().setPath(layout.targetRoot()).setRecursive(true), null);
            for (final PathItem item : items) {
                final String relative = item.getName().substring(layout.targetRoot().length());
                if (TortureExclusions.isReplicatorTempName(item.getName())) {
                    differences.add(new ConvergenceDifference(ConvergenceDifference.Kind.TEMP_FILE_LEFT, layout.mappedSourceRoot() + relative,
                            "-", (item.isDirectory() ? "directory " : "file of " + item.getContentLength() + " bytes ") + item.getName()));
                    continue;
                }
                tree.put(relative, new Entry(item.isDirectory(), item.isDirectory() ? 0 : item.getContentLength(),
                        targetPermission(item.getName(), item.isDirectory())));
            }
        } catch (final DataLakeStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
        return tree;
    }

    private int targetPermission(final String path, final boolean directory) {
        final DataLakePathClient client = directory ? target.getDirectoryClient(path) : target.getFileClient(path);
        final PathPermissions permissions = client.getAccessControl().getPermissions();
        return bits(permissions.getOwner()) << 6 | bits(permissions.getGroup()) << 3 | bits(permissions.getOther())
                | (permissions.isStickyBitSet() ? 01000 : 0);
    }

    private static int bits(final RolePermissions role) {
        return (role.hasReadPermission() ? 4 : 0) | (role.hasWritePermission() ? 2 : 0) | (role.hasExecutePermission() ? 1 : 0);
    }

    private long sourceCrc32c(final String path) throws IOException {
        final CRC32C crc = new CRC32C();
        final byte[] buffer = new byte[64 * 1024];
        try (FSDataInputStream in = source.open(new Path(path))) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                crc.update(buffer, 0, read);
            }
        }
        return crc.getValue();
    }

    private long targetCrc32c(final String path) {
        final CRC32C crc = new CRC32C();
        target.getFileClient(path).read(new OutputStream() {
            @Override
            public void write(final int b) {
                crc.update(b);
            }

            @Override
            public void write(final byte[] bytes, final int offset, final int length) {
                crc.update(bytes, offset, length);
            }
        });
        return crc.getValue();
    }

    private String describeSource(final String sourcePath, final Entry entry) throws IOException {
        if (entry.directory()) {
            return "directory " + octal(entry.permission());
        }
        return "file of " + entry.length() + " bytes, crc32c " + hex(sourceCrc32c(sourcePath)) + ", " + octal(entry.permission());
    }

    private String describeTarget(final String relative, final Entry entry) {
        final String path = targetPathOf(relative);
        if (entry.directory()) {
            return "directory " + path + " " + octal(entry.permission());
        }
        return "file of " + entry.length() + " bytes, crc32c " + hex(targetCrc32c(path)) + ", " + octal(entry.permission()) + " at " + path;
    }

    private String whySourceHasNothing(final String sourcePath) {
        if (!layout.isInListingRoot(sourcePath)) {
            return "is outside the listing roots there (nothing there is replicated)";
        }
        if (TortureExclusions.isExcluded(sourcePath)) {
            return "excludes the name";
        }
        return "has nothing";
    }

    private String relativeToMappedRoot(final String sourcePath) {
        return sourcePath.substring(layout.mappedSourceRoot().length());
    }

    private String targetPathOf(final String relative) {
        return layout.targetRoot() + relative;
    }

    private static String hex(final long crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    private static String octal(final int permission) {
        return String.format(Locale.ROOT, "%04o", permission);
    }
}
