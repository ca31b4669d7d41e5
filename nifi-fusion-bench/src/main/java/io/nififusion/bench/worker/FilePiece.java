package io.nififusion.bench.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A range of one file: the unit a limit contestant reads or writes at once, cut at a part size the way RestoreToHDFS
 * cuts a file into parts (the whole file when the part size is 0, or when the file fits one part).
 *
 * @param relativePath the file, relative to the directory listed
 * @param offset where the range starts
 * @param length bytes in it
 * @param index the part number within its file, 0 for the first
 * @param parts how many parts its file has
 */
record FilePiece(String relativePath, long offset, long length, int index, int parts) {

    /** @param files relative path → size, in the order to work through them */
    static List<FilePiece> of(final Map<String, Long> files, final long partSize) {
        if (partSize < 0) {
            throw new IllegalArgumentException("Part size " + partSize + " is negative");
        }
        final List<FilePiece> pieces = new ArrayList<>();
        files.forEach((path, size) -> {
            if (partSize == 0 || size <= partSize) {
                pieces.add(new FilePiece(path, 0, size, 0, 1));
                return;
            }
            final int parts = Math.toIntExact((size + partSize - 1) / partSize);
            for (int index = 0; index < parts; index++) {
                final long offset = index * partSize;
                pieces.add(new FilePiece(path, offset, Math.min(partSize, size - offset), index, parts));
            }
        });
        return pieces;
    }
}
