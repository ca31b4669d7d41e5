package io.nififusion.core.copy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;

/**
 * MD5 (sent as Content-MD5) and CRC32C (recorded as the source checksum) of a whole file, fed with its bytes in
 * order. Neither state can be serialized, so a resumed copy feeds the committed prefix again (see
 * {@link ChunkedCopier#digestPrefix}).
 */
public final class FileDigests {
    private final MessageDigest md5;
    private final CRC32C crc32c = new CRC32C();
    private long length;

    public FileDigests() {
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }

    public void update(final byte[] buffer, final int offset, final int count) {
        md5.update(buffer, offset, count);
        crc32c.update(buffer, offset, count);
        length += count;
    }

    /** Number of bytes digested so far. */
    public long getLength() {
        return length;
    }

    /** MD5 of everything digested; call once, at the end. */
    public byte[] finishMd5() {
        return md5.digest();
    }

    public long getCrc32c() {
        return crc32c.getValue();
    }

    /** MD5 of one buffer, for the per-append Content-MD5 the service checks on receipt. */
    public static byte[] md5Of(final byte[] buffer, final int offset, final int count) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(buffer, offset, count);
            return digest.digest();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }
}
