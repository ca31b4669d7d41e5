package io.nififusion.core.checksum;

import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceChecksumIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE).build();

    @Test
    void compositeCrcIsTheCrc32cOfTheBytesWhateverTheBlockSize() throws Exception {
        final byte[] content = HDFS.writeRandom("/checksum/three-blocks.bin", (int) (2.5 * MiniDfsExtension.SMALL_BLOCK_SIZE), 7);
        final Path otherBlockSize = new Path("/checksum/other-block-size.bin");
        try (FSDataOutputStream out = HDFS.getFileSystem().create(otherBlockSize, true, 4096, (short) 1, 512 * 1024)) {
            out.write(content);
        }
        final CRC32C expected = new CRC32C();
        expected.update(content);

        assertEquals(expected.getValue(), SourceChecksum.read(HDFS.getFileSystem(), new Path("/checksum/three-blocks.bin"), content.length).crc32c());
        assertEquals(expected.getValue(), SourceChecksum.read(HDFS.getFileSystem(), otherBlockSize, content.length).crc32c());
    }

    @Test
    void anEmptyFileHasCrcZero() throws Exception {
        HDFS.write("/checksum/empty", new byte[0]);
        final SourceChecksum checksum = SourceChecksum.read(HDFS.getFileSystem(), new Path("/checksum/empty"), 0);
        assertTrue(checksum.isAvailable());
        assertEquals(0L, checksum.crc32c());
    }

    @Test
    void aClientWithoutCompositeModeGetsUnavailableNotAMatch() throws Exception {
        HDFS.write("/checksum/md5-mode.txt", "bytes".getBytes());
        final Configuration configuration = HDFS.getConfiguration();
        configuration.set("dfs.checksum.combine.mode", "MD5MD5CRC");
        try (FileSystem md5Client = FileSystem.newInstance(HDFS.getUri(), configuration)) {
            final SourceChecksum checksum = SourceChecksum.read(md5Client, new Path("/checksum/md5-mode.txt"), 5);
            assertFalse(checksum.isAvailable());
            assertNull(checksum.crc32c());
            assertTrue(checksum.unavailableReason().contains("COMPOSITE-CRC32C"), checksum.unavailableReason());
        }
    }
}
