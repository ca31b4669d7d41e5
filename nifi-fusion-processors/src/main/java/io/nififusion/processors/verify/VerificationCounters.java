package io.nififusion.processors.verify;

import io.nififusion.core.operation.OperationType;
import io.nififusion.core.verify.FileVerification;
import io.nififusion.core.verify.VerificationOutcome;

/**
 * Names of the counters VerifyChecksum keeps. A verdict counts what was verified: "Files Verified" counts files only;
 * directories and deletions have counters of their own, so a flow of MKDIR and DELETE records does not inflate it.
 */
final class VerificationCounters {
    static final String BYTES_READ = "Bytes Read";
    static final String TREE_AUDITS = "Tree Audits";
    static final String TREE_FILES_CHECKED = "Tree Files Checked";
    static final String TREE_DIRECTORIES_CHECKED = "Tree Directories Checked";
    static final String TREE_DIFFERENCES = "Tree Differences";

    /** What one File scope verdict is about. */
    enum Subject {
        FILES("Files"),
        DIRECTORIES("Directories"),
        DELETED_PATHS("Deleted Paths");

        private final String label;

        Subject(final String label) {
            this.label = label;
        }

        static Subject of(final OperationType operation, final FileVerification verification) {
            if (operation == OperationType.DELETE) {
                return DELETED_PATHS;
            }
            return verification.directory() ? DIRECTORIES : FILES;
        }
    }

    private VerificationCounters() {
    }

    /** Such as {@code Files Verified}, {@code Directories Missing}, {@code Deleted Paths Mismatched}. */
    static String verdict(final Subject subject, final VerificationOutcome outcome) {
        return subject.label + " " + switch (outcome) {
            case VERIFIED -> "Verified";
            case MISMATCH -> "Mismatched";
            case MISSING -> "Missing";
            case CHANGED -> "Changed";
            case UNVERIFIED -> "Unverified";
        };
    }

    /** The counter of files a tree audit found equal: the same as File scope's, so one counter tells verified files. */
    static String filesVerified() {
        return verdict(Subject.FILES, VerificationOutcome.VERIFIED);
    }
}
