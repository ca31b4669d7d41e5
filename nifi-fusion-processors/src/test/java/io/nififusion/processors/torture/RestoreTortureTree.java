package io.nififusion.processors.torture;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * The seeded source tree a restore torture run migrates and then restores: nested directories and files with the names
 * that break path encoding ({@link NameGenerator}), of 0 bytes, a few bytes, and several parts of the restore's Part Size
 * (so parts are written in parallel and joined by concat), with permission bits that include the sticky bit.
 */
final class RestoreTortureTree {
    /** The Part Size of the run's RestoreToHDFS: the smallest it accepts, so files of a few hundred KiB take several parts. */
    static final int PART_SIZE = 64 * 1024;
    private static final int DIRECTORIES = 7;
    private static final int FILES = 20;
    private static final int MAX_DEPTH = 3;
    private static final short[] DIRECTORY_PERMISSIONS = {0755, 0750, 0700, 01777, 01755, 0775};
    private static final short[] FILE_PERMISSIONS = {0644, 0640, 0600, 0444, 0664};

    private final DistributedFileSystem fileSystem;
    private final Random random;
    private final NameGenerator names = new NameGenerator();
    private final List<String> directories = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private long bytes;

    RestoreTortureTree(final DistributedFileSystem fileSystem, final long seed) {
        this.fileSystem = fileSystem;
        this.random = new Random(seed);
    }

    /** Writes the tree below the root (which it creates) and returns a line describing it. */
    String write(final String root) throws IOException {
        fileSystem.mkdirs(new Path(root));
        directories.add(root);
        for (int i = 0; i < DIRECTORIES; i++) {
            String parent = directories.get(random.nextInt(directories.size()));
            while (depth(root, parent) >= MAX_DEPTH) {
                parent = directories.get(random.nextInt(directories.size()));
            }
            final String directory = parent + "/" + names.directoryName(random);
            fileSystem.mkdirs(new Path(directory));
            directories.add(directory);
        }
        int multiPart = 0;
        for (int i = 0; i < FILES; i++) {
            final String file = directories.get(random.nextInt(directories.size())) + "/" + names.fileName(random);
            final int length = length(i);
            multiPart += length > PART_SIZE ? 1 : 0;
            writeRandom(file, length);
            fileSystem.setPermission(new Path(file), new FsPermission(FILE_PERMISSIONS[random.nextInt(FILE_PERMISSIONS.length)]));
            files.add(file);
        }
        for (final String directory : directories) {
            fileSystem.setPermission(new Path(directory), new FsPermission(DIRECTORY_PERMISSIONS[random.nextInt(DIRECTORY_PERMISSIONS.length)]));
        }
        return "source tree " + root + ": " + directories.size() + " directories, " + files.size() + " files (" + multiPart + " of several parts), "
                + bytes + " bytes";
    }

    /** Replaces a file's bytes with new ones of another length, as a writer at the source does. */
    void overwrite(final String file) throws IOException {
        writeRandom(file, 1 + random.nextInt(3 * PART_SIZE));
    }

    List<String> files() {
        return List.copyOf(files);
    }

    /** The directories below the root (the root excluded). */
    List<String> directoriesBelowRoot() {
        return List.copyOf(directories.subList(1, directories.size()));
    }

    /** The directory below the root with the most files in its subtree: the tree a scenario deletes. */
    String fullestDirectory() {
        String fullest = null;
        int most = -1;
        for (final String directory : directoriesBelowRoot()) {
            int count = 0;
            for (final String file : files) {
                count += file.startsWith(directory + "/") ? 1 : 0;
            }
            if (count > most) {
                most = count;
                fullest = directory;
            }
        }
        return fullest;
    }

    Random random() {
        return random;
    }

    /** CRC32C of a full read of an HDFS file, for the record of a version that is about to go. */
    static long crc32c(final DistributedFileSystem fileSystem, final String file) throws IOException {
        final CRC32C crc = new CRC32C();
        final byte[] buffer = new byte[64 * 1024];
        try (FSDataInputStream in = fileSystem.open(new Path(file))) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                crc.update(buffer, 0, read);
            }
        }
        return crc.getValue();
    }

    static long length(final DistributedFileSystem fileSystem, final String file) throws IOException {
        final FileStatus status = fileSystem.getFileStatus(new Path(file));
        return status.getLen();
    }

    /** Every fifth file is empty, two in five small, the rest from two to six parts (one of them exactly a part multiple). */
    private int length(final int index) {
        return switch (index % 5) {
            case 0 -> 0;
            case 1, 2 -> 1 + random.nextInt(4000);
            case 3 -> 2 * PART_SIZE + random.nextInt(PART_SIZE);
            default -> random.nextBoolean() ? (3 + random.nextInt(3)) * PART_SIZE : 3 * PART_SIZE + 1 + random.nextInt(3 * PART_SIZE);
        };
    }

    private void writeRandom(final String file, final int length) throws IOException {
        final byte[] content = new byte[length];
        random.nextBytes(content);
        try (FSDataOutputStream out = fileSystem.create(new Path(file), true)) {
            out.write(content);
        }
        bytes += length;
    }

    private static int depth(final String root, final String directory) {
        return directory.equals(root) ? 0 : directory.substring(root.length() + 1).split("/").length;
    }
}
