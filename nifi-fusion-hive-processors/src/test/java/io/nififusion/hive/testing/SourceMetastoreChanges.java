package io.nififusion.hive.testing;

import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.TableType;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.thrift.TException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a Hive user does to the source metastore, through its Thrift API: databases, tables (managed, external, partitioned), partitions. */
public final class SourceMetastoreChanges {
    private static final String ORC_SERDE = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";
    private static final String ORC_INPUT = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
    private static final String ORC_OUTPUT = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";

    private final IMetaStoreClient client;
    private final String fileSystem;

    /**
     * @param fileSystem the source cluster's URI that locations are on, such as {@code hdfs://127.0.0.1:PORT}
     */
    public SourceMetastoreChanges(final IMetaStoreClient client, final String fileSystem) {
        this.client = client;
        this.fileSystem = fileSystem;
    }

    public IMetaStoreClient client() {
        return client;
    }

    public String location(final String path) {
        return fileSystem + path;
    }

    public void createDatabase(final String name, final String path, final String description) throws TException {
        final Database database = new Database(name, description, location(path), new HashMap<>(Map.of("owner.team", "etl")));
        database.setOwnerName("etl");
        client.createDatabase(database);
    }

    /** A table stored as ORC; partitioned when keys are given; managed or external; a null path leaves its location to the metastore. */
    public Table createTable(final String database, final String name, final String path, final boolean external, final List<FieldSchema> columns,
                             final List<FieldSchema> partitionKeys) throws TException {
        final StorageDescriptor storage = new StorageDescriptor();
        storage.setCols(new ArrayList<>(columns));
        storage.setLocation(path == null ? null : location(path));
        storage.setInputFormat(ORC_INPUT);
        storage.setOutputFormat(ORC_OUTPUT);
        storage.setSerdeInfo(new SerDeInfo(name, ORC_SERDE, new HashMap<>(Map.of("serialization.format", "1"))));
        storage.setBucketCols(new ArrayList<>());
        storage.setSortCols(new ArrayList<>());
        storage.setParameters(new HashMap<>());
        final Table table = new Table();
        table.setDbName(database);
        table.setTableName(name);
        table.setOwner("etl");
        table.setSd(storage);
        table.setPartitionKeys(new ArrayList<>(partitionKeys));
        final Map<String, String> parameters = new HashMap<>(Map.of("comment", "table " + name, "orc.compress", "ZLIB"));
        if (external) {
            table.setTableType(TableType.EXTERNAL_TABLE.name());
            parameters.put("EXTERNAL", "TRUE");
        } else {
            table.setTableType(TableType.MANAGED_TABLE.name());
        }
        table.setParameters(parameters);
        client.createTable(table);
        return client.getTable(database, name);
    }

    public void addPartition(final String database, final String table, final List<String> values, final String path) throws TException {
        final Table definition = client.getTable(database, table);
        final Partition partition = new Partition();
        partition.setDbName(database);
        partition.setTableName(table);
        partition.setValues(new ArrayList<>(values));
        final StorageDescriptor storage = definition.getSd().deepCopy();
        storage.setLocation(location(path));
        partition.setSd(storage);
        partition.setParameters(new HashMap<>(Map.of("loaded.by", "etl")));
        client.add_partition(partition);
    }

    public void alterPartitionParameter(final String database, final String table, final List<String> values, final String key, final String value)
            throws TException {
        final Partition partition = client.getPartition(database, table, values);
        partition.putToParameters(key, value);
        client.alter_partition(database, table, partition);
    }

    public void addColumn(final String database, final String table, final FieldSchema column) throws TException {
        final Table definition = client.getTable(database, table);
        definition.getSd().addToCols(column);
        client.alter_table(database, table, definition);
    }

    public void setTableProperty(final String database, final String table, final String key, final String value) throws TException {
        final Table definition = client.getTable(database, table);
        definition.putToParameters(key, value);
        client.alter_table(database, table, definition);
    }

    public void renameTable(final String database, final String table, final String newName) throws TException {
        final Table definition = client.getTable(database, table);
        definition.setTableName(newName);
        client.alter_table(database, table, definition);
    }

    public void dropPartition(final String database, final String table, final List<String> values, final boolean deleteData) throws TException {
        client.dropPartition(database, table, values, deleteData);
    }

    public void dropTable(final String database, final String table, final boolean deleteData) throws TException {
        client.dropTable(database, table, deleteData, false);
    }

    public void dropDatabase(final String database) throws TException {
        client.dropDatabase(database, true, false, true);
    }

    public static FieldSchema column(final String name, final String type) {
        return new FieldSchema(name, type, null);
    }
}
