package io.nififusion.core.verify;

import java.util.ArrayList;
import java.util.List;

/** The values gathered while comparing one source path with its target path, finished into a {@link FileVerification}. */
final class PathComparison {
    private final String sourcePath;
    private final String targetPath;
    private final boolean directory;
    private final List<String> notes = new ArrayList<>();
    long sourceLength = -1;
    long targetLength = -1;
    Long sourceCrc32c;
    Long targetCrc32c;
    ChecksumSource sourceChecksumSource = ChecksumSource.NONE;
    ChecksumSource targetChecksumSource = ChecksumSource.NONE;
    long bytesRead;
    /** The source's length changed while its bytes were read. */
    boolean sourceChanged;
    /** The target's length changed while its bytes were read. */
    boolean targetChanged;

    PathComparison(final String sourcePath, final String targetPath, final boolean directory) {
        this.sourcePath = sourcePath;
        this.targetPath = targetPath;
        this.directory = directory;
    }

    /** A remark on how a value was obtained, appended to the verdict's explanation. */
    void note(final String note) {
        notes.add(note);
    }

    FileVerification finish(final VerificationOutcome outcome, final VerificationCheck check, final String reason) {
        final StringBuilder explanation = new StringBuilder(reason);
        for (final String note : notes) {
            explanation.append(". ").append(note);
        }
        return new FileVerification(outcome, check, sourcePath, targetPath, directory, sourceLength, targetLength, sourceCrc32c, targetCrc32c,
                sourceChecksumSource, targetChecksumSource, explanation.toString(), bytesRead);
    }

    /** A verdict that the source or target changed while it was compared. */
    FileVerification changed(final String reason) {
        return finish(VerificationOutcome.CHANGED, VerificationCheck.STABILITY, reason);
    }
}
