package io.nififusion.core.checksum;

import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The CRC32C of a whole source file as HDFS computes it from stored block checksums (COMPOSITE_CRC), without reading
 * the bytes. Three-valued by design: a checksum the cluster cannot give is {@link #unavailable(String)}, never a match.
 *
 * @param crc32c CRC32C of the file, or null when unavailable
 * @param unavailableReason why there is no value, or null
 */
public record SourceChecksum(Long crc32c, String unavailableReason) {
    /** Algorithm name HDFS reports with {@code dfs.checksum.combine.mode=COMPOSITE_CRC} on a CRC32C cluster. */
    public static final String COMPOSITE_CRC32C = "COMPOSITE-CRC32C";

    public static SourceChecksum of(final long crc32c) {
        return new SourceChecksum(crc32c, null);
    }

    public static SourceChecksum unavailable(final String reason) {
        return new SourceChecksum(null, reason);
    }

    public boolean isAvailable() {
        return crc32c != null;
    }

    /**
     * Asks HDFS for the file's COMPOSITE_CRC. The client configuration must set
     * {@code dfs.checksum.combine.mode=COMPOSITE_CRC} ({@code HdfsSourceService} does by default).
     *
     * @param length the file length, since HDFS answers an empty file with an MD5-of-CRC checksum (CRC32C of nothing is 0)
     */
    public static SourceChecksum read(final FileSystem fileSystem, final Path path, final long length) throws IOException {
        return read(fileSystem, path, length, false);
    }

    /**
     * The same, for a file whose encryption is known: in an HDFS encryption zone the DataNodes checksum the ciphertext,
     * which no copy of the plaintext can match, so the checksum is unavailable and only reading proves equality.
     */
    public static SourceChecksum read(final FileSystem fileSystem, final Path path, final long length, final boolean encrypted) throws IOException {
        if (length == 0) {
            return of(0L);
        }
        if (encrypted) {
            return unavailable(path + " lies in an HDFS encryption zone: its stored checksums are of the ciphertext");
        }
        final FileChecksum checksum = fileSystem.getFileChecksum(path);
        if (checksum == null) {
            return unavailable("The source file system returned no checksum for " + path);
        }
        if (!COMPOSITE_CRC32C.equals(checksum.getAlgorithmName())) {
            return unavailable("The source cluster returned a " + checksum.getAlgorithmName() + " checksum for " + path
                    + ", not " + COMPOSITE_CRC32C + ": the cluster stores CRC32 (dfs.checksum.type) or the client lacks dfs.checksum.combine.mode=COMPOSITE_CRC");
        }
        final byte[] bytes = checksum.getBytes();
        if (bytes.length != Integer.BYTES) {
            return unavailable("Unexpected " + COMPOSITE_CRC32C + " length " + bytes.length + " for " + path);
        }
        return of(ByteBuffer.wrap(bytes).getInt() & 0xFFFFFFFFL);
    }
}
