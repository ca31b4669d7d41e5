package io.nififusion.core.copy;

import java.io.IOException;

/** Positioned reads of the source file; safe to call from several threads at once (HDFS {@code pread}). */
@FunctionalInterface
public interface ChunkSource {
    void readFully(long position, byte[] buffer, int offset, int length) throws IOException;
}
