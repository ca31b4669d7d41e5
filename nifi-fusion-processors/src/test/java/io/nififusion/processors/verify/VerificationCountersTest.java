package io.nififusion.processors.verify;

import io.nififusion.core.operation.OperationType;
import io.nififusion.core.verify.ChecksumSource;
import io.nififusion.core.verify.FileVerification;
import io.nififusion.core.verify.VerificationOutcome;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VerificationCountersTest {

    @Test
    void aVerdictCountsWhatWasVerified() {
        assertEquals("Files Verified", VerificationCounters.verdict(VerificationCounters.Subject.of(OperationType.COPY, verdict(false)), VerificationOutcome.VERIFIED));
        assertEquals("Directories Verified", VerificationCounters.verdict(VerificationCounters.Subject.of(OperationType.MKDIR, verdict(true)), VerificationOutcome.VERIFIED));
        assertEquals("Directories Missing", VerificationCounters.verdict(VerificationCounters.Subject.of(OperationType.COPY, verdict(true)), VerificationOutcome.MISSING));
        assertEquals("Deleted Paths Mismatched", VerificationCounters.verdict(VerificationCounters.Subject.of(OperationType.DELETE, verdict(true)), VerificationOutcome.MISMATCH));
        assertEquals("Deleted Paths Verified", VerificationCounters.verdict(VerificationCounters.Subject.of(OperationType.DELETE, verdict(false)), VerificationOutcome.VERIFIED));
        assertEquals("Files Changed", VerificationCounters.verdict(VerificationCounters.Subject.FILES, VerificationOutcome.CHANGED));
        assertEquals("Files Unverified", VerificationCounters.verdict(VerificationCounters.Subject.FILES, VerificationOutcome.UNVERIFIED));
        assertEquals("Files Verified", VerificationCounters.filesVerified());
    }

    private static FileVerification verdict(final boolean directory) {
        return new FileVerification(VerificationOutcome.VERIFIED, null, "/data/a", "landing/a", directory, -1, -1, null, null,
                ChecksumSource.NONE, ChecksumSource.NONE, "test verdict", 0);
    }
}
