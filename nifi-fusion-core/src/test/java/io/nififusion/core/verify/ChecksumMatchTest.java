package io.nififusion.core.verify;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChecksumMatchTest {

    @Test
    void equalValuesMatch() {
        assertEquals(ChecksumMatch.MATCH, ChecksumMatch.of(0xCAFEBABEL, 0xCAFEBABEL));
    }

    @Test
    void differentValuesMismatch() {
        assertEquals(ChecksumMatch.MISMATCH, ChecksumMatch.of(1L, 2L));
    }

    @Test
    void missingValueIsUnavailableNeverMatch() {
        assertEquals(ChecksumMatch.UNAVAILABLE, ChecksumMatch.of(null, 5L));
        assertEquals(ChecksumMatch.UNAVAILABLE, ChecksumMatch.of(5L, null));
        assertEquals(ChecksumMatch.UNAVAILABLE, ChecksumMatch.of(null, null));
    }
}
