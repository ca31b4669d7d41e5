package io.nififusion.core.copy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkPlannerTest {

    @Test
    void coversTheRangeWithFixedChunksAndARemainder() {
        final List<Chunk> chunks = new ChunkPlanner(4).plan(0, 10);

        assertEquals(List.of(new Chunk(0, 0, 4), new Chunk(1, 4, 4), new Chunk(2, 8, 2)), chunks);
    }

    @Test
    void resumedPlanStartsAtTheCommittedLength() {
        final List<Chunk> chunks = new ChunkPlanner(4).plan(8, 17);

        assertEquals(List.of(new Chunk(0, 8, 4), new Chunk(1, 12, 4), new Chunk(2, 16, 1)), chunks);
    }

    @Test
    void emptyFileAndFinishedRangeHaveNoChunks() {
        final ChunkPlanner planner = new ChunkPlanner(4);

        assertTrue(planner.plan(0, 0).isEmpty());
        assertTrue(planner.plan(12, 12).isEmpty());
    }

    @Test
    void singleChunkBoundaryIsTheChunkSize() {
        final ChunkPlanner planner = new ChunkPlanner(4);

        assertTrue(planner.isSingleChunk(4));
        assertFalse(planner.isSingleChunk(5));
    }

    @Test
    void rejectsAStartBeyondTheEnd() {
        assertThrows(IllegalArgumentException.class, () -> new ChunkPlanner(4).plan(5, 4));
    }
}
