package io.nififusion.bench.workload;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Changes that move no bytes, made to a tree the target already holds: in each directory 3 files get other permission
 * bits, 3 are renamed within it, 2 are deleted and one empty directory is made; then every fourth directory is renamed.
 * The marker file, written last, ends the listing's drain.
 */
public final class MetadataChanges {
    public static final String MARKER_NAME = "zz-marker";
    private static final FsPermission CHANGED = new FsPermission((short) 0640);

    private final FileSystem fileSystem;

    public MetadataChanges(final FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    /** @return the number of changes made, the marker left out */
    public int apply(final String root) throws IOException {
        final FileStatus[] directories = sorted(fileSystem.listStatus(new Path(root)));
        int changes = 0;
        for (final FileStatus directory : directories) {
            if (!directory.isDirectory()) {
                continue;
            }
            final FileStatus[] files = sorted(fileSystem.listStatus(directory.getPath()));
            if (files.length < 8) {
                throw new IOException(directory.getPath() + " holds " + files.length + " files; the changes need 8");
            }
            for (int file = 0; file < 3; file++) {
                fileSystem.setPermission(files[file].getPath(), CHANGED);
            }
            for (int file = 3; file < 6; file++) {
                fileSystem.rename(files[file].getPath(), new Path(directory.getPath(), "renamed-" + files[file].getPath().getName()));
            }
            for (int file = 6; file < 8; file++) {
                fileSystem.delete(files[file].getPath(), false);
            }
            fileSystem.mkdirs(new Path(directory.getPath(), "made"));
            changes += 9;
        }
        for (int directory = 0; directory < directories.length; directory += 4) {
            fileSystem.rename(directories[directory].getPath(), new Path(root, directories[directory].getPath().getName() + "-moved"));
            changes++;
        }
        try (FSDataOutputStream marker = fileSystem.create(new Path(root, MARKER_NAME), true)) {
            marker.write(1);
        }
        return changes;
    }

    private static FileStatus[] sorted(final FileStatus[] statuses) {
        Arrays.sort(statuses, Comparator.comparing(status -> status.getPath().getName()));
        return statuses;
    }
}
