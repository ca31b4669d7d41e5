package io.nififusion.core.verify;

import io.nififusion.core.checksum.Crc32cFormat;
import io.nififusion.core.checksum.SourceChecksum;
import io.nififusion.core.target.TargetVersion;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options.ChecksumOpt;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.DataChecksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proof that quick verification means something: the CRC32C a copier computes over the bytes it streams (and
 * records as {@code fusion_crc32c}) equals the COMPOSITE_CRC HDFS computes from its stored block checksums, whatever
 * the block size, the bytes-per-checksum and the number of blocks.
 */
class Crc32cDigestIT {
    private static final long BLOCK = MiniDfsExtension.SMALL_BLOCK_SIZE;

    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().blockSize(BLOCK).build();

    @Test
    void emptyFile() throws IOException {
        assertRecordedCrcEqualsCompositeCrc("/crc/empty", new byte[0], BLOCK, 512);
    }

    @Test
    void oneByteFile() throws IOException {
        assertRecordedCrcEqualsCompositeCrc("/crc/one-byte", randomBytes(1, 1), BLOCK, 512);
    }

    @Test
    void exactlyOneBlock() throws IOException {
        assertRecordedCrcEqualsCompositeCrc("/crc/one-block", randomBytes((int) BLOCK, 2), BLOCK, 512);
    }

    @Test
    void multiBlockFileWithPartialLastBlockAndChunk() throws IOException {
        assertRecordedCrcEqualsCompositeCrc("/crc/multi-block", randomBytes((int) (3.5 * BLOCK) + 77, 3), BLOCK, 512);
    }

    @Test
    void sameBytesUnderDifferentBlockSizesGiveOneChecksum() throws IOException {
        final byte[] bytes = randomBytes((int) (2 * BLOCK) + 1234, 4);
        final long small = assertRecordedCrcEqualsCompositeCrc("/crc/block-small", bytes, 512 * 1024, 512);
        final long large = assertRecordedCrcEqualsCompositeCrc("/crc/block-large", bytes, 4 * BLOCK, 512);
        final long otherChunk = assertRecordedCrcEqualsCompositeCrc("/crc/chunk-2048", bytes, 3 * 1024 * 1024, 2048);
        assertEquals(small, large);
        assertEquals(small, otherChunk);
    }

    @Test
    void crc32ClusterChecksumIsUnavailableNotAMatch() throws IOException {
        final byte[] bytes = randomBytes((int) BLOCK + 5, 5);
        final Path path = new Path("/crc/crc32-file");
        write(path, bytes, BLOCK, new ChecksumOpt(DataChecksum.Type.CRC32, 512));

        final SourceChecksum checksum = SourceChecksum.read(HDFS.getFileSystem(), path, bytes.length);

        assertFalse(checksum.isAvailable());
        assertTrue(checksum.unavailableReason().contains("COMPOSITE-CRC32"), checksum.unavailableReason());
    }

    private static long assertRecordedCrcEqualsCompositeCrc(final String file, final byte[] bytes, final long blockSize, final int bytesPerChecksum) throws IOException {
        final Path path = new Path(file);
        write(path, bytes, blockSize, new ChecksumOpt(DataChecksum.Type.CRC32C, bytesPerChecksum));
        assertEquals(blockSize, HDFS.getFileSystem().getFileStatus(path).getBlockSize());

        // What the copier records: CRC32C of the streamed bytes, through the metadata round trip
        final long streamed = Crc32cDigest.of(HDFS.getFileSystem().open(path)).crc32c();
        final TargetVersion recorded = TargetVersion.fromMetadata(new TargetVersion(file, bytes.length, 1, 2, streamed).toMetadata());
        final SourceChecksum composite = SourceChecksum.read(HDFS.getFileSystem(), path, bytes.length);

        assertTrue(composite.isAvailable(), composite.unavailableReason());
        assertEquals(Crc32cDigest.of(bytes).crc32c(), streamed);
        assertEquals(Crc32cFormat.format(composite.crc32c()), Crc32cFormat.format(recorded.crc32c()));
        return composite.crc32c();
    }

    private static void write(final Path path, final byte[] bytes, final long blockSize, final ChecksumOpt checksumOpt) throws IOException {
        final FileSystem fileSystem = HDFS.getFileSystem();
        try (FSDataOutputStream out = fileSystem.create(path, FsPermission.getFileDefault(), EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE),
                4096, (short) 1, blockSize, null, checksumOpt)) {
            out.write(bytes);
        }
    }

    private static byte[] randomBytes(final int length, final long seed) {
        final byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
