package io.nififusion.core.restore;

import java.util.ArrayList;
import java.util.List;

/**
 * One range of a file restored on its own: read from the target with one ranged request and written to its own
 * hidden HDFS file, joined with the others by {@code concat} at the end.
 *
 * @param index position in the plan, from 0 (part 0 is the file the others are joined onto)
 * @param offset first byte
 * @param length bytes, 0 only for the single part of an empty file
 */
public record RestorePart(int index, long offset, long length) {

    public long end() {
        return offset + length;
    }

    /** Parts of {@code partSize} covering a file of {@code length} bytes, the last one holding the rest; one empty part for an empty file. */
    public static List<RestorePart> plan(final long length, final long partSize) {
        if (length < 0 || partSize < 1) {
            throw new IllegalArgumentException("Cannot cut " + length + " bytes into parts of " + partSize);
        }
        final List<RestorePart> parts = new ArrayList<>();
        if (length == 0) {
            parts.add(new RestorePart(0, 0, 0));
            return parts;
        }
        for (long offset = 0; offset < length; offset += partSize) {
            parts.add(new RestorePart(parts.size(), offset, Math.min(partSize, length - offset)));
        }
        return parts;
    }
}
