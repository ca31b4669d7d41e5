package io.nififusion.core.target;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetVersionTest {

    @Test
    void roundTripsThroughAsciiMetadata() {
        final TargetVersion version = new TargetVersion("/data/日本 #1.csv", 1234L, 1_700_000_000_000L, 16_401L, 0xE3069283L);
        final Map<String, String> metadata = version.toMetadata();

        assertEquals("e3069283", metadata.get("fusion_crc32c"));
        assertTrue(metadata.get("fusion_source_path").chars().allMatch(character -> character < 128), metadata.get("fusion_source_path"));
        assertEquals(version, TargetVersion.fromMetadata(metadata));
    }

    @Test
    void readsKeysCaseInsensitivelyAndIgnoresForeignFiles() {
        final Map<String, String> upperCased = new HashMap<>();
        new TargetVersion("/a", 1L, 2L, 3L, null).toMetadata().forEach((key, value) -> upperCased.put(key.toUpperCase(), value));
        final TargetVersion version = TargetVersion.fromMetadata(upperCased);
        assertEquals("/a", version.sourcePath());
        assertNull(version.crc32c());
        assertTrue(version.sameSourceVersion(1L, 2L, 3L));
        assertFalse(version.sameSourceVersion(1L, 5L, 3L));

        assertNull(TargetVersion.fromMetadata(Map.of("owner", "someone else")));
        assertNull(TargetVersion.fromMetadata(Map.of("fusion_source_path", "/a", "fusion_source_length", "not a number")));
    }
}
