package io.nififusion.core.restore;

/**
 * The CRC32C of two byte ranges put end to end, from the CRC32C of each and the length of the second, without the
 * bytes: parts of a file restored in parallel each know their own CRC32C, and the whole file's is what the target
 * recorded. The method is the classic one of zlib's {@code crc32_combine}: appending {@code n} zero bytes to a CRC is a
 * linear operator over GF(2), applied by repeated squaring of its 32x32 matrix.
 */
public final class Crc32cCombination {
    /** CRC32C (Castagnoli) polynomial, bit-reversed, as java.util.zip.CRC32C uses it. */
    private static final long POLYNOMIAL = 0x82F63B78L;
    private static final int BITS = 32;

    private Crc32cCombination() {
    }

    /**
     * @param first CRC32C of the first range
     * @param second CRC32C of the second range
     * @param secondLength bytes in the second range
     * @return CRC32C of the first range followed by the second
     */
    public static long combine(final long first, final long second, final long secondLength) {
        if (secondLength < 0) {
            throw new IllegalArgumentException("Length must not be negative, got " + secondLength);
        }
        if (secondLength == 0) {
            return first & 0xFFFFFFFFL;
        }
        final long[] even = new long[BITS];
        final long[] odd = new long[BITS];
        // the operator for one zero bit
        odd[0] = POLYNOMIAL;
        long row = 1;
        for (int n = 1; n < BITS; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd);
        square(odd, even);
        long crc = first & 0xFFFFFFFFL;
        long remaining = secondLength;
        do {
            square(even, odd);
            if ((remaining & 1) != 0) {
                crc = times(even, crc);
            }
            remaining >>>= 1;
            if (remaining == 0) {
                break;
            }
            square(odd, even);
            if ((remaining & 1) != 0) {
                crc = times(odd, crc);
            }
            remaining >>>= 1;
        } while (remaining != 0);
        return (crc ^ second) & 0xFFFFFFFFL;
    }

    private static long times(final long[] matrix, final long vector) {
        long sum = 0;
        long rest = vector & 0xFFFFFFFFL;
        for (int index = 0; rest != 0; index++, rest >>>= 1) {
            if ((rest & 1) != 0) {
                sum ^= matrix[index];
            }
        }
        return sum & 0xFFFFFFFFL;
    }

    private static void square(final long[] result, final long[] matrix) {
        for (int n = 0; n < BITS; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }
}
