package io.nififusion.core.copy;

import java.io.IOException;

/**
 * Reads of the source file addressed by position. {@link ChunkedCopier} calls it from one thread with increasing,
 * contiguous positions, so an implementation over a stream can read sequentially and seek only when a position jumps.
 */
@FunctionalInterface
public interface ChunkSource {
    void readFully(long position, byte[] buffer, int offset, int length) throws IOException;
}
