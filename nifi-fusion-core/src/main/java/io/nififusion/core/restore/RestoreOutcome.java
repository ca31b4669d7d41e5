package io.nififusion.core.restore;

/**
 * What one restored entry did.
 *
 * @param result value of {@code fusion.result}
 * @param destinationPath the HDFS path
 * @param bytesTransferred bytes read from the target in this attempt
 * @param bytesResumed bytes of parts an earlier attempt had finished, kept
 * @param attempts attempts made (the target copy changing during one starts another)
 * @param crc32c CRC32C of the restored file, or null for a directory
 * @param detail one sentence on what was done and what proves it
 */
public record RestoreOutcome(RestoreResult result, String destinationPath, long bytesTransferred, long bytesResumed, int attempts, Long crc32c,
                             String detail) {

    /** Nothing written: HDFS holds these bytes already ({@code crc32c} proves it), or another file the policy keeps (null). */
    static RestoreOutcome skipped(final String destinationPath, final Long crc32c, final String detail) {
        return new RestoreOutcome(RestoreResult.SKIPPED, destinationPath, 0, 0, 1, crc32c, detail);
    }

    /** The file is at its final path, proven by {@code crc32c}. */
    static RestoreOutcome restored(final String destinationPath, final long bytesRead, final long bytesResumed, final long crc32c, final String detail) {
        return new RestoreOutcome(RestoreResult.RESTORED, destinationPath, bytesRead, bytesResumed, 1, crc32c, detail);
    }

    /** A directory made ({@code created}) or found, its access applied. */
    static RestoreOutcome directory(final String destinationPath, final boolean created, final String detail) {
        return new RestoreOutcome(created ? RestoreResult.CREATED : RestoreResult.UPDATED, destinationPath, 0, 0, 1, null, detail);
    }

    RestoreOutcome withAttempts(final int count) {
        return new RestoreOutcome(result, destinationPath, bytesTransferred, bytesResumed, count, crc32c, detail);
    }
}
