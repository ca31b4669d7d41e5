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

    RestoreOutcome withAttempts(final int count) {
        return new RestoreOutcome(result, destinationPath, bytesTransferred, bytesResumed, count, crc32c, detail);
    }
}
