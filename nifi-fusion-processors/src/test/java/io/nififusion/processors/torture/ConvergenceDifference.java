package io.nififusion.processors.torture;

import io.nififusion.core.copy.ReplicatorSettings;

/**
 * One way the target differs from the source after quiescence, as the independent checker found it.
 *
 * @param kind what differs
 * @param sourcePath the source path (for a path only at the target: the source path it maps back to)
 * @param source what the source holds there
 * @param target what the target holds there
 */
record ConvergenceDifference(Kind kind, String sourcePath, String source, String target) {

    /** What differs. */
    enum Kind {
        /** The source has the path, the target does not. */
        MISSING_AT_TARGET,
        /** The target has a path the source does not have (or excludes, or holds outside the listing roots). */
        EXTRA_AT_TARGET,
        /** A file on one side, a directory on the other. */
        TYPE,
        /** Files of different lengths. */
        LENGTH,
        /** Files of equal length whose bytes differ (CRC32C of full reads). */
        BYTES,
        /** Permission bits (rwx for owner, group, other, and the sticky bit) differ. */
        PERMISSION,
        /** A replicator temp file is left at the target. */
        TEMP_FILE_LEFT
    }

    /** The path whose history explains the difference: for a temp file, the final name it was written for. */
    String historyPath() {
        if (kind != Kind.TEMP_FILE_LEFT) {
            return sourcePath;
        }
        final int slash = sourcePath.lastIndexOf('/');
        return sourcePath.substring(0, slash + 1) + sourcePath.substring(slash + 1 + ReplicatorSettings.DEFAULT_TEMP_PREFIX.length());
    }

    String describe() {
        return kind + " " + sourcePath + ": source " + source + ", target " + target;
    }
}
