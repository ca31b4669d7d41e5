package io.nififusion.core.verify;

import java.util.Locale;

/** Kinds of difference a tree audit reports, one report line each. */
public enum DifferenceKind {
    /** At the source, not at the target. A missing directory is one line; its contents are not listed. */
    MISSING,
    /** At the target, not at the source. An extra directory is one line; its contents are not listed. */
    EXTRA,
    /** A file on one side, a directory on the other. */
    TYPE,
    SIZE,
    CHECKSUM,
    /** Permission bits, or the source version recorded at the target, differ from the current source (only when asked). */
    METADATA,
    /** The source changed while it was being verified: neither equal nor different, verify again later. */
    CHANGED,
    /** No checksum could be obtained for one side: equality not proven. */
    UNVERIFIED,
    /** The path could not be compared (permission denied, I/O error); the audit went on. */
    ERROR;

    /** The value used in report lines and attribute names, such as {@code missing}. */
    public String getValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of difference a file verdict amounts to, or null when verified. */
    public static DifferenceKind of(final FileVerification verification) {
        return switch (verification.outcome()) {
            case VERIFIED -> null;
            case MISSING -> MISSING;
            case CHANGED -> CHANGED;
            case UNVERIFIED -> UNVERIFIED;
            case MISMATCH -> switch (verification.check()) {
                case TYPE -> TYPE;
                case SIZE -> SIZE;
                case METADATA -> METADATA;
                case EXISTENCE -> EXTRA;
                case STABILITY -> CHANGED;
                case CHECKSUM -> CHECKSUM;
            };
        };
    }
}
