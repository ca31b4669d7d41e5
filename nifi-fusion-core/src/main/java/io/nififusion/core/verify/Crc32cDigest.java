package io.nififusion.core.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * CRC32C and length of a byte stream, computed with a fixed buffer so memory does not grow with the file.
 *
 * @param crc32c CRC32C of the bytes
 * @param length number of bytes read
 */
public record Crc32cDigest(long crc32c, long length) {
    private static final int BUFFER_SIZE = 64 * 1024;

    /** Reads the stream to its end; the caller closes it. */
    public static Crc32cDigest of(final InputStream in) throws IOException {
        final CRC32C crc = new CRC32C();
        final byte[] buffer = new byte[BUFFER_SIZE];
        long length = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            crc.update(buffer, 0, read);
            length += read;
        }
        return new Crc32cDigest(crc.getValue(), length);
    }

    public static Crc32cDigest of(final byte[] bytes) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return new Crc32cDigest(crc.getValue(), bytes.length);
    }

    /** The CRC32C and length of the bytes written to it, in order, for readers that write what they receive. */
    public static final class Sink extends OutputStream {
        private final CRC32C crc = new CRC32C();
        private long length;

        @Override
        public void write(final int b) {
            crc.update(b);
            length++;
        }

        @Override
        public void write(final byte[] bytes, final int offset, final int count) {
            crc.update(bytes, offset, count);
            length += count;
        }

        public Crc32cDigest digest() {
            return new Crc32cDigest(crc.getValue(), length);
        }
    }
}
