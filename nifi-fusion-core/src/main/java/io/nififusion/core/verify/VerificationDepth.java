package io.nififusion.core.verify;

/** How much a verification reads (DESIGN §3). */
public enum VerificationDepth {
    /** Source COMPOSITE_CRC against the CRC32C recorded at the target, plus existence and size: no file bytes read. */
    QUICK,
    /** Reads the target bytes back and recomputes their CRC32C, compared with the source COMPOSITE_CRC. */
    DEEP
}
