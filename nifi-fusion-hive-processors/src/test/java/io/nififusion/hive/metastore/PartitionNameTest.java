package io.nififusion.hive.metastore;

import org.apache.hadoop.hive.metastore.utils.FileUtils;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Our partition names are the metastore's: pinned against Hive's own builder (which needs HDFS server classes the NAR lacks). */
class PartitionNameTest {

    @Test
    void escapesLikeTheMetastore() {
        for (final List<String> values : List.of(List.of("2026-12-01", "nl"), List.of("a/b", "x=y"), List.of("50%", "what?"), List.of("a b", "é日本"),
                List.of("#[]^{}*'\"", "c:\\d"), List.of("tab\there", "\u007F"))) {
            assertEquals(FileUtils.makePartName(List.of("dt", "country"), values), PartitionName.of(List.of("dt", "country"), values), values.toString());
        }
    }

    @Test
    void namesAnEmptyValueTheDefaultPartitionAndKeysInLowerCase() {
        final Map<String, String> spec = new LinkedHashMap<>();
        spec.put("DT", "");
        spec.put("country", "nl");
        assertEquals("dt=__HIVE_DEFAULT_PARTITION__/country=nl", PartitionName.of(spec));
        assertThrows(IllegalArgumentException.class, () -> PartitionName.of(List.of("dt"), List.of("a", "b")));
    }
}
