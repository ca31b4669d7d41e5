package io.nififusion.core.verify;

/**
 * The verdict for one source path and its target path, with the values that decided it.
 *
 * @param outcome verdict
 * @param check the check that decided a verdict other than verified, null when verified
 * @param sourcePath absolute source path
 * @param targetPath target path relative to the filesystem
 * @param directory whether the source is a directory
 * @param sourceLength source length, -1 when unknown
 * @param targetLength target length, -1 when unknown
 * @param sourceCrc32c source CRC32C, null when not obtained
 * @param targetCrc32c target CRC32C, null when not obtained
 * @param sourceChecksumSource where the source CRC32C came from
 * @param targetChecksumSource where the target CRC32C came from
 * @param explanation human-readable reason for the verdict, and for any fallback used
 * @param bytesRead bytes read from either side to compute checksums
 */
public record FileVerification(
        VerificationOutcome outcome,
        VerificationCheck check,
        String sourcePath,
        String targetPath,
        boolean directory,
        long sourceLength,
        long targetLength,
        Long sourceCrc32c,
        Long targetCrc32c,
        ChecksumSource sourceChecksumSource,
        ChecksumSource targetChecksumSource,
        String explanation,
        long bytesRead) {

    public boolean isVerified() {
        return outcome == VerificationOutcome.VERIFIED;
    }
}
