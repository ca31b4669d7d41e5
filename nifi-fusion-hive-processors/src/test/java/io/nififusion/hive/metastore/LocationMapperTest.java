package io.nififusion.hive.metastore;

import io.nififusion.core.path.TargetPathMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocationMapperTest {
    private final LocationMapper mapper = new LocationMapper(URI.create("hdfs://nn.example.com:8020"), new TargetPathMapper("/warehouse", "hive/warehouse"),
            "abfs://data@account.dfs.core.windows.net/");

    @Test
    void mapsLocationsWithTheDataMapping() throws MetastoreReplicationException {
        assertEquals("abfs://data@account.dfs.core.windows.net/hive/warehouse/sales.db/orders/dt=2026-12-01",
                mapper.toTargetLocation("hdfs://nn.example.com:8020/warehouse/sales.db/orders/dt=2026-12-01"));
        assertEquals("abfs://data@account.dfs.core.windows.net/hive/warehouse", mapper.toTargetLocation("hdfs://NN.example.com:8020/warehouse/"));
        assertEquals("abfs://data@account.dfs.core.windows.net/hive/warehouse/t", mapper.toTargetLocation("/warehouse/t"), "a path without a scheme is on the source");
        assertEquals("hive/warehouse/sales.db", mapper.toTargetPath("hdfs://nn.example.com:8020/warehouse/sales.db"));
        assertEquals("abfs://data@account.dfs.core.windows.net/hive/warehouse/my table/dt=a b",
                mapper.toTargetLocation("hdfs://nn.example.com:8020/warehouse/my table/dt=a b"), "the metastore keeps locations unescaped");
        assertNull(mapper.toTargetLocation(null));
        assertNull(mapper.toTargetLocation(" "));
    }

    @Test
    void refusesLocationsWhoseDataIsNotMigrated() {
        final MetastoreReplicationException otherCluster = assertThrows(MetastoreReplicationException.class,
                () -> mapper.toTargetLocation("hdfs://other:8020/warehouse/t"));
        assertEquals(MetastoreErrorCode.LOCATION_NOT_MIGRATED, otherCluster.getCode());
        assertTrue(otherCluster.getMessage().contains("is not on the source cluster hdfs://nn.example.com:8020"), otherCluster.getMessage());
        assertEquals(MetastoreErrorCode.LOCATION_NOT_MIGRATED,
                assertThrows(MetastoreReplicationException.class, () -> mapper.toTargetLocation("s3a://bucket/warehouse/t")).getCode());
        final MetastoreReplicationException outside = assertThrows(MetastoreReplicationException.class,
                () -> mapper.toTargetLocation("hdfs://nn.example.com:8020/tmp/t"));
        assertEquals(MetastoreErrorCode.LOCATION_NOT_MIGRATED, outside.getCode());
        assertTrue(outside.getMessage().contains("outside the mapping's Source Root [/warehouse]"), outside.getMessage());
        assertEquals(MetastoreErrorCode.TARGET_PATH_UNSUPPORTED,
                assertThrows(MetastoreReplicationException.class, () -> mapper.toTargetLocation("hdfs://nn.example.com:8020/warehouse/name.")).getCode());
        assertEquals(MetastoreErrorCode.LOCATION_NOT_MIGRATED,
                assertThrows(MetastoreReplicationException.class, () -> mapper.toTargetLocation("hdfs://nn.example.com:8020")).getCode());
    }

    @Test
    void comparesLocationsUpToATrailingSlash() {
        assertTrue(LocationMapper.sameLocation("abfs://a@b/x/", "abfs://a@b/x"));
        assertTrue(LocationMapper.sameLocation(null, null));
        assertEquals(false, LocationMapper.sameLocation("abfs://a@b/x", null));
        assertEquals(false, LocationMapper.sameLocation("abfs://a@b/x", "abfs://a@b/y"));
    }
}
