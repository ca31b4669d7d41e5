package io.nififusion.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class DifferenceTest {
    private static final ObjectMapper OBJECT_MAPPER = new ObjectMapper();

    @Test
    void checksumDifferenceIsOneJsonLineWithBothValues() throws Exception {
        final FileVerification verification = new FileVerification(VerificationOutcome.MISMATCH, VerificationCheck.CHECKSUM, "/data/a \"quoted\"\nname",
                "migrated/data/a", false, 10, 10, 0x0000000AL, 0xFFFFFFFFL, ChecksumSource.SOURCE_COMPOSITE_CRC, ChecksumSource.TARGET_BYTES, "differs", 10);

        final String line = Difference.of(verification).toJsonLine();

        assertFalse(line.contains("\n"));
        final JsonNode node = OBJECT_MAPPER.readTree(line);
        assertEquals("checksum", node.get("kind").asText());
        assertEquals("/data/a \"quoted\"\nname", node.get("sourcePath").asText());
        assertEquals("migrated/data/a", node.get("targetPath").asText());
        assertEquals("file", node.get("type").asText());
        assertEquals("0000000a", node.get("sourceCrc32c").asText());
        assertEquals("ffffffff", node.get("targetCrc32c").asText());
        assertEquals(10, node.get("sourceLength").asLong());
    }

    @Test
    void absentValuesAreLeftOut() throws Exception {
        final JsonNode node = OBJECT_MAPPER.readTree(Difference.of(DifferenceKind.EXTRA, "/data/x", "data/x", true, null).toJsonLine());
        assertEquals("extra", node.get("kind").asText());
        assertEquals("directory", node.get("type").asText());
        assertNull(node.get("sourceLength"));
        assertNull(node.get("sourceCrc32c"));
        assertNull(node.get("detail"));
    }

    @Test
    void verifiedFileIsNoDifference() {
        final FileVerification verified = new FileVerification(VerificationOutcome.VERIFIED, null, "/a", "a", false, 1, 1, 1L, 1L,
                ChecksumSource.SOURCE_COMPOSITE_CRC, ChecksumSource.TARGET_RECORDED, "ok", 0);
        assertNull(Difference.of(verified));
    }

    @Test
    void unverifiedIsReportedNotCountedAsMatch() {
        final FileVerification unverified = new FileVerification(VerificationOutcome.UNVERIFIED, VerificationCheck.CHECKSUM, "/a", "a", false, 1, 1, null, 1L,
                ChecksumSource.NONE, ChecksumSource.TARGET_RECORDED, "unavailable", 0);
        assertEquals(DifferenceKind.UNVERIFIED, Difference.of(unverified).kind());
        assertFalse(unverified.isVerified());
    }
}
