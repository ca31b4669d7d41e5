package io.nififusion.bench.section;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PercentilesTest {

    @Test
    void nearestRank() {
        final List<Double> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add((double) i);
        }
        final Percentiles percentiles = new Percentiles(values);
        assertEquals(50, percentiles.at(50));
        assertEquals(99, percentiles.at(99));
        assertEquals(1, percentiles.at(0));
        assertEquals(100, percentiles.max());
        assertEquals(7, new Percentiles(List.of(7.0)).at(99));
        assertThrows(IllegalArgumentException.class, () -> new Percentiles(List.of()));
    }
}
