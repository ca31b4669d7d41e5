package io.nififusion.core.verify;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Crc32cDigestTest {

    @Test
    void knownCheckValue() {
        // The CRC-32C check value of the ASCII digits 1..9 (RFC 3720, iSCSI)
        assertEquals(0xE3069283L, Crc32cDigest.of("123456789".getBytes(StandardCharsets.US_ASCII)).crc32c());
    }

    @Test
    void emptyInputIsZero() throws Exception {
        assertEquals(new Crc32cDigest(0, 0), Crc32cDigest.of(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void streamEqualsArrayAcrossBufferBoundaries() throws Exception {
        final byte[] bytes = new byte[3 * 64 * 1024 + 17];
        new Random(7).nextBytes(bytes);
        final Crc32cDigest streamed = Crc32cDigest.of(new ByteArrayInputStream(bytes));
        assertEquals(Crc32cDigest.of(bytes), streamed);
        assertEquals(bytes.length, streamed.length());
    }
}
