package io.nififusion.core.restore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Crc32cCombinationTest {

    @ParameterizedTest(name = "split at {0}")
    @ValueSource(ints = {0, 1, 7, 512, 4096, 65_537, 100_000})
    void combinedEqualsTheChecksumOfBothRangesEndToEnd(final int split) {
        final byte[] bytes = new byte[100_000];
        new Random(split).nextBytes(bytes);

        final long combined = Crc32cCombination.combine(crc(bytes, 0, split), crc(bytes, split, bytes.length - split), bytes.length - split);

        assertEquals(crc(bytes, 0, bytes.length), combined);
    }

    @Test
    void manyPartsFoldIntoTheWholeFile() {
        final byte[] bytes = new byte[1_000_003];
        new Random(42).nextBytes(bytes);
        long whole = 0;
        for (int offset = 0; offset < bytes.length; offset += 65_536) {
            final int length = Math.min(65_536, bytes.length - offset);
            whole = Crc32cCombination.combine(whole, crc(bytes, offset, length), length);
        }
        assertEquals(crc(bytes, 0, bytes.length), whole);
    }

    @Test
    void refusesANegativeLength() {
        assertThrows(IllegalArgumentException.class, () -> Crc32cCombination.combine(1, 2, -1));
    }

    private static long crc(final byte[] bytes, final int offset, final int length) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
