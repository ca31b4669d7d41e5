package io.nififusion.core.verify;

/** The verdict for one path. */
public enum VerificationOutcome {
    /** Target equals source for every check made. */
    VERIFIED,
    /** Target exists but differs from the source; {@link FileVerification#check()} says which check failed. */
    MISMATCH,
    /** Nothing at the target path. */
    MISSING,
    /** The source (or the target) changed while it was being verified, or the source is gone: verify again later. */
    CHANGED,
    /** A checksum could not be obtained for one side, so equality is not proven (never counted as verified). */
    UNVERIFIED
}
