package io.nififusion.core.copy;

/**
 * One position-addressed piece of a file: read from the source at {@code offset} and appended to the target at the
 * same offset.
 *
 * @param index position of the chunk in its plan, from 0
 * @param offset first byte of the chunk in the file
 * @param length number of bytes, at least 1
 */
public record Chunk(int index, long offset, int length) {
    public Chunk {
        if (offset < 0 || length < 1) {
            throw new IllegalArgumentException("Chunk " + index + " needs offset >= 0 and length >= 1, got " + offset + "/" + length);
        }
    }

    /** The offset just past the last byte of the chunk. */
    public long end() {
        return offset + length;
    }
}
