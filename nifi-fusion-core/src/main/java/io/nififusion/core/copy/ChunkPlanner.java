package io.nififusion.core.copy;

import java.util.ArrayList;
import java.util.List;

/** Cuts the byte range still to copy into fixed-size chunks; the last one holds the rest. */
public final class ChunkPlanner {
    private final int chunkSize;

    public ChunkPlanner(final int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("Chunk size must be at least one byte, got " + chunkSize);
        }
        this.chunkSize = chunkSize;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    /**
     * @param startOffset first byte to copy (the committed length when a copy resumes)
     * @param length file length
     * @return chunks covering {@code [startOffset, length)} in order; empty when nothing is left
     */
    public List<Chunk> plan(final long startOffset, final long length) {
        if (startOffset < 0 || startOffset > length) {
            throw new IllegalArgumentException("Start offset " + startOffset + " outside file of " + length + " bytes");
        }
        final List<Chunk> chunks = new ArrayList<>();
        long offset = startOffset;
        int index = 0;
        while (offset < length) {
            final int size = (int) Math.min(chunkSize, length - offset);
            chunks.add(new Chunk(index++, offset, size));
            offset += size;
        }
        return chunks;
    }

    /** Whether a file of this length goes as one chunk, which needs no executor and no checkpoint. */
    public boolean isSingleChunk(final long length) {
        return length <= chunkSize;
    }
}
