package io.nififusion.bench.worker;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FilePieceTest {

    @Test
    void aFileIsCutAtThePartSizeWithAShorterLastPart() {
        assertEquals(List.of(new FilePiece("/a", 0, 10, 0, 3), new FilePiece("/a", 10, 10, 1, 3), new FilePiece("/a", 20, 5, 2, 3)),
                FilePiece.of(Map.of("/a", 25L), 10));
    }

    @Test
    void filesThatFitOnePartAndEmptyFilesStayWholeInTheirOrder() {
        final Map<String, Long> files = new LinkedHashMap<>();
        files.put("/b", 10L);
        files.put("/a", 0L);
        files.put("/c", 11L);
        assertEquals(List.of(new FilePiece("/b", 0, 10, 0, 1), new FilePiece("/a", 0, 0, 0, 1), new FilePiece("/c", 0, 10, 0, 2),
                new FilePiece("/c", 10, 1, 1, 2)), FilePiece.of(files, 10));
    }

    @Test
    void partSizeZeroMeansWholeFilesAndANegativeOneIsRefused() {
        assertEquals(List.of(new FilePiece("/a", 0, 1L << 40, 0, 1)), FilePiece.of(Map.of("/a", 1L << 40), 0));
        assertThrows(IllegalArgumentException.class, () -> FilePiece.of(Map.of("/a", 1L), -1));
    }
}
