package io.nififusion.hive.metastore;

import io.nififusion.hive.testing.EmbeddedMetastore;
import io.nififusion.hive.testing.Resources;
import io.nififusion.hive.testing.SourceMetastoreChanges;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.nififusion.hive.testing.SourceMetastoreChanges.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a real metastore's refusals are classified. Several tasks (and nodes) apply records of one object at once, so two
 * of them may both find an object missing and both create it: the loser's create is a rival change, applied again from
 * a fresh read, never a permanent failure.
 */
class MetastoreConnectionIT {
    @TempDir
    static Path directory;

    private static EmbeddedMetastore metastore;
    private static IMetaStoreClient client;
    private static MetastoreConnection connection;

    @BeforeAll
    static void startMetastore() throws Exception {
        final String warehouse = directory.resolve("warehouse").toUri().toString().replaceFirst("/$", "");
        metastore = EmbeddedMetastore.start(directory.resolve("metastore"), EmbeddedMetastore.settings(directory.resolve("metastore"), warehouse, false));
        client = metastore.newClient();
        connection = new MetastoreConnection(metastore.getUri(), MetastoreAuthentication.none(), 30, 2);
    }

    @AfterAll
    static void stopMetastore() throws Exception {
        Resources.closeAll(connection, client, metastore);
    }

    @Test
    void aCreateOfWhatARivalCreatedMeanwhileIsATransientConflict() throws Exception {
        final SourceMetastoreChanges rival = new SourceMetastoreChanges(client, "file://");
        rival.createDatabase("live", directory + "/warehouse/live.db", "created by another task first");
        final Database same = new Database("live", "created by this task", "file://" + directory + "/warehouse/live.db", null);

        final MetastoreReplicationException database = assertThrows(MetastoreReplicationException.class, () -> connection.execute(target -> {
            target.createDatabase(same);
            return null;
        }));
        assertEquals(MetastoreErrorCode.TARGET_CONCURRENT_CHANGE, database.getCode(), database.getMessage());
        assertTrue(database.isTransient(), "applied again from a fresh read, which finds the database");
        assertTrue(database.getMessage().contains(metastore.getUri()), database.getMessage());

        rival.createTable("live", "t0", directory + "/warehouse/live.db/t0", false, List.of(column("v", "string")), List.of(column("hour", "int")));
        final MetastoreReplicationException table = assertThrows(MetastoreReplicationException.class, () -> connection.execute(target -> {
            target.createTable(target.getTable("live", "t0"));
            return null;
        }));
        assertEquals(MetastoreErrorCode.TARGET_CONCURRENT_CHANGE, table.getCode(), table.getMessage());
        // the connection stays usable: a refusal is an answer, not a broken client
        assertEquals(List.of("t0"), connection.execute(target -> target.getAllTables("live")));
    }

    @Test
    void aDuplicateKeyOfTheBackingDatabaseIsARivalCreateAndOtherMetaExceptionsAreNot() {
        assertTrue(MetastoreConnection.isDuplicateKey(new MetaException("JDODataStoreException: Insert of object failed : The statement was aborted "
                + "because it would have caused a duplicate key value in a unique or primary key constraint or unique index identified by "
                + "'UNIQUETABLE' defined on 'TBLS'. Root cause: ERROR 23505")));
        assertTrue(MetastoreConnection.isDuplicateKey(new MetaException("Duplicate entry 'live-t0' for key 'UNIQUETABLE'")));
        assertFalse(MetastoreConnection.isDuplicateKey(new MetaException("Got exception: java.io.IOException Permission denied")));
        assertFalse(MetastoreConnection.isDuplicateKey(new MetaException()));
    }
}
