package io.nififusion.core.checksum;

import java.util.HexFormat;

/** The one textual form of a CRC32C value in attributes and metadata: eight lower-case hex digits. */
public final class Crc32cFormat {
    private Crc32cFormat() {
    }

    public static String format(final long crc32c) {
        return HexFormat.of().toHexDigits((int) crc32c);
    }

    public static long parse(final String hex) {
        if (hex == null || hex.length() != 8) {
            throw new IllegalArgumentException("CRC32C [" + hex + "] must be eight hex digits");
        }
        return HexFormat.fromHexDigits(hex) & 0xFFFFFFFFL;
    }
}
