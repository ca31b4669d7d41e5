package io.nififusion.processors.verify;

/** Attributes written by VerifyChecksum. */
public final class VerificationAttributes {
    /** Verdict: verified, mismatch, missing, changed, unverified. */
    public static final String RESULT = "fusion.verify.result";
    /** The check that decided a verdict other than verified: existence, type, size, checksum, metadata, stability. */
    public static final String CHECK = "fusion.verify.check";
    public static final String DEPTH = "fusion.verify.depth";
    public static final String EXPLANATION = "fusion.verify.explanation";
    public static final String SOURCE_LENGTH = "fusion.verify.source.length";
    public static final String TARGET_LENGTH = "fusion.verify.target.length";
    public static final String SOURCE_CRC32C = "fusion.verify.source.crc32c";
    public static final String TARGET_CRC32C = "fusion.verify.target.crc32c";
    /** Where the source value came from: source-composite-crc, source-bytes or none. */
    public static final String SOURCE_CHECKSUM_ORIGIN = "fusion.verify.source.checksum.origin";
    /** Where the target value came from: target-recorded, target-bytes or none. */
    public static final String TARGET_CHECKSUM_ORIGIN = "fusion.verify.target.checksum.origin";
    public static final String BYTES_READ = "fusion.verify.bytes.read";

    public static final String ROOT = "fusion.verify.root";
    public static final String TARGET_ROOT = "fusion.verify.target.root";
    public static final String STARTED = "fusion.verify.started";
    public static final String FINISHED = "fusion.verify.finished";
    public static final String FILES_CHECKED = "fusion.verify.files.checked";
    public static final String FILES_VERIFIED = "fusion.verify.files.verified";
    public static final String DIRECTORIES_CHECKED = "fusion.verify.directories.checked";
    public static final String BYTES_CHECKED = "fusion.verify.bytes.checked";
    public static final String DIFFERENCES = "fusion.verify.differences";
    /** Prefix of the count per kind of difference, such as {@code fusion.verify.differences.missing}. */
    public static final String DIFFERENCES_PREFIX = "fusion.verify.differences.";

    private VerificationAttributes() {
    }
}
