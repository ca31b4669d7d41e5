package io.nififusion.core.copy;

/** The temp file a copy appends to; {@link #append} is called from several threads at once. */
public interface ChunkSink {

    /** Stages the bytes at their position; not visible until a flush commits them. */
    void append(byte[] buffer, int length, long position);

    /**
     * Commits every byte before {@code committedLength} while keeping the appends staged after it, so an interrupted
     * copy resumes from here.
     */
    void checkpoint(long committedLength);
}
