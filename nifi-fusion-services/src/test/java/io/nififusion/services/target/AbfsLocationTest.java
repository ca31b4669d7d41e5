package io.nififusion.services.target;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbfsLocationTest {

    @Test
    void parsesHdinsightDefaultStorage() {
        assertEquals(new AbfsLocation("hdi-fs", "contosolake", "dfs.core.windows.net"),
                AbfsLocation.parse("abfs://hdi-fs@contosolake.dfs.core.windows.net/"));
        assertEquals(new AbfsLocation("data", "chinalake", "dfs.core.chinacloudapi.cn"),
                AbfsLocation.parse("abfss://data@ChinaLake.dfs.core.chinacloudapi.cn"));
        assertEquals(new AbfsLocation("data", "govlake", "dfs.core.usgovcloudapi.net"),
                AbfsLocation.parse(" abfss://data@govlake.dfs.core.usgovcloudapi.net/clusters/hdi1 "));
    }

    @Test
    void rejectsOtherStorage() {
        final IllegalArgumentException wasb = assertThrows(IllegalArgumentException.class,
                () -> AbfsLocation.parse("wasbs://container@account.blob.core.windows.net/"));
        assertTrue(wasb.getMessage().contains("is not ADLS Gen2"));
        assertThrows(IllegalArgumentException.class, () -> AbfsLocation.parse("abfs://account.dfs.core.windows.net/"));
        assertThrows(IllegalArgumentException.class, () -> AbfsLocation.parse("abfs://fs@localhost/"));
        assertThrows(IllegalArgumentException.class, () -> AbfsLocation.parse("hdfs://namenode:8020"));
        assertThrows(IllegalArgumentException.class, () -> AbfsLocation.parse(""));
    }
}
