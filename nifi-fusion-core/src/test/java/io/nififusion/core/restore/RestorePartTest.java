package io.nififusion.core.restore;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RestorePartTest {

    @Test
    void partsCoverTheFileInOrderTheLastHoldingTheRest() {
        assertEquals(List.of(new RestorePart(0, 0, 4), new RestorePart(1, 4, 4), new RestorePart(2, 8, 2)), RestorePart.plan(10, 4));
        assertEquals(List.of(new RestorePart(0, 0, 10)), RestorePart.plan(10, 10));
    }

    @Test
    void anEmptyFileIsOneEmptyPart() {
        assertEquals(List.of(new RestorePart(0, 0, 0)), RestorePart.plan(0, 4));
    }

    @Test
    void nonsenseSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RestorePart.plan(-1, 4));
        assertThrows(IllegalArgumentException.class, () -> RestorePart.plan(10, 0));
    }
}
