package io.nififusion.bench.workload;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Writes the data sets into the source before any measurement: files of pseudo-random bytes (a pool of random MiB
 * blocks, each written with its file and block number stamped in, so no two blocks of the run are equal and writing a
 * GiB costs no random generator time).
 */
public final class DataSets {
    private static final int MIB = 1024 * 1024;
    private static final int POOL = 32;

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
        for (int file = 0; file < count; file++) {
            final String parent = subdirectories == 0 ? directory : directory + String.format("/dir-%03d", file % subdirectories);
            writeFile(new Path(parent + String.format("/file-%06d.bin", file)), bytes, directory.hashCode() * 31L + file);
        }
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
