package io.nififusion.bench.workload;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes the data sets into the source before any measurement: files of pseudo-random bytes (a pool of random MiB
 * blocks, each written with its file and block number stamped in, so no two blocks of the run are equal and writing a
 * GiB costs no random generator time).
 */
public final class DataSets {
    private static final int MIB = 1024 * 1024;
    private static final int POOL = 32;
    /** Files written at once: a small file's close waits on the NameNode, so one writer leaves the machine idle. */
    private static final int WRITERS = 8;

    private final FileSystem fileSystem;
    private final byte[][] pool = new byte[POOL][MIB];

    public DataSets(final FileSystem fileSystem) {
        this.fileSystem = fileSystem;
        final Random random = new Random(20261201L);
        for (final byte[] block : pool) {
            random.nextBytes(block);
        }
    }

    /** {@code count} files of {@code bytes} each under {@code directory}, spread over {@code subdirectories} (0: directly in it). */
    public void write(final String directory, final int count, final long bytes, final int subdirectories) throws IOException {
        final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            final List<Future<?>> files = new ArrayList<>();
            for (int file = 0; file < count; file++) {
                final Path path = pathOf(directory, file, subdirectories);
                final long stamp = directory.hashCode() * 31L + file;
                files.add(writers.submit(() -> {
                    writeFile(path, bytes, stamp);
                    return null;
                }));
            }
            for (final Future<?> file : files) {
                file.get();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted writing " + directory, e);
        } catch (final ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("Writing " + directory, e.getCause());
        } finally {
            writers.shutdownNow();
        }
    }

    /**
     * Writes the data set unless the directory already holds exactly it (as an earlier section of the run left it: the
     * same names and sizes, and the bytes are the same by construction), so sections that share a data set write it once.
     *
     * @return whether it was written
     */
    public boolean writeUnlessPresent(final String directory, final int count, final long bytes, final int subdirectories) throws IOException {
        final Path root = new Path(directory);
        if (fileSystem.exists(root)) {
            final Set<String> expected = new HashSet<>();
            for (int file = 0; file < count; file++) {
                expected.add(pathOf(directory, file, subdirectories).toUri().getPath());
            }
            final Set<String> found = new HashSet<>();
            boolean sizesMatch = true;
            final RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(root, true);
            while (files.hasNext()) {
                final LocatedFileStatus status = files.next();
                found.add(status.getPath().toUri().getPath());
                sizesMatch &= status.getLen() == bytes;
            }
            if (sizesMatch && found.equals(expected)) {
                return false;
            }
            fileSystem.delete(root, true);
        }
        write(directory, count, bytes, subdirectories);
        return true;
    }

    private static Path pathOf(final String directory, final int file, final int subdirectories) {
        final String parent = subdirectories == 0 ? directory : directory + String.format("/dir-%03d", file % subdirectories);
        return new Path(parent + String.format("/file-%06d.bin", file));
    }

    private void writeFile(final Path path, final long bytes, final long stamp) throws IOException {
        final byte[] block = new byte[MIB];
        try (FSDataOutputStream out = fileSystem.create(path, true)) {
            long written = 0;
            int index = 0;
            while (written < bytes) {
                final int length = (int) Math.min(MIB, bytes - written);
                System.arraycopy(pool[(int) ((stamp + index) % POOL + POOL) % POOL], 0, block, 0, length);
                if (length >= 16) {
                    ByteBuffer.wrap(block).putLong(0, stamp).putLong(8, index);
                }
                out.write(block, 0, length);
                written += length;
                index++;
            }
        }
    }
}
