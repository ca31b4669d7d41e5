package io.nififusion.core.operation;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicationOperationTest {

    @Test
    void roundTripsThroughAttributes() {
        final ReplicationOperation rename = new ReplicationOperation(OperationType.RENAME, "/data/new name", "/data/old%name", true,
                ReplicationOperation.UNKNOWN, 1_700_000_000_000L, 16_400L, "hive", "hadoop", "755", 42L, ChangeSource.INOTIFY, null);
        final Map<String, String> attributes = rename.toAttributes();

        assertEquals("RENAME", attributes.get("fusion.op"));
        assertEquals("/data/old%name", attributes.get("hdfs.src.path"));
        assertEquals("inotify", attributes.get("fusion.source"));
        assertFalse(attributes.containsKey("hdfs.length"), "unknown values are left out");
        assertEquals(rename, ReplicationOperation.fromAttributes(attributes));
    }

    @Test
    void namesTheAttributeThatIsMissingOrMalformed() {
        final Map<String, String> attributes = new HashMap<>(Map.of("fusion.op", "copy", "hdfs.path", "/data/a"));
        final ReplicationOperation copy = ReplicationOperation.fromAttributes(attributes);
        assertEquals(OperationType.COPY, copy.type());
        assertEquals(ChangeSource.SCAN, copy.changeSource());

        attributes.put("hdfs.length", "ten");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplicationOperation.fromAttributes(attributes)).getMessage().contains("hdfs.length"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplicationOperation.fromAttributes(Map.of("fusion.op", "COPY")))
                .getMessage().contains("hdfs.path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplicationOperation.fromAttributes(Map.of("fusion.op", "MOVE", "hdfs.path", "/a")))
                .getMessage().contains("MOVE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplicationOperation.fromAttributes(Map.of("fusion.op", "COPY", "hdfs.path", "a")))
                .getMessage().contains("absolute"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplicationOperation.fromAttributes(Map.of("fusion.op", "RENAME", "hdfs.path", "/a")))
                .getMessage().contains("hdfs.src.path"));
    }
}
