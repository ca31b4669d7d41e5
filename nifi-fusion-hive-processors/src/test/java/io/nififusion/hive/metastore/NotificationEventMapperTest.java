package io.nififusion.hive.metastore;

import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.NotificationEvent;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.hadoop.hive.metastore.messaging.EventMessage;
import org.apache.hadoop.hive.metastore.messaging.MessageBuilder;
import org.apache.hadoop.hive.metastore.messaging.MessageEncoder;
import org.apache.hadoop.hive.metastore.messaging.PartitionFiles;
import org.apache.hadoop.hive.metastore.messaging.json.JSONMessageEncoder;
import org.apache.hadoop.hive.metastore.messaging.json.gzip.GzipJSONMessageEncoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Messages as the metastore's own MessageBuilder writes them, JSON and gzipped JSON. */
class NotificationEventMapperTest {
    private final NotificationEventMapper mapper = new NotificationEventMapper(DatabaseSelection.parse("sales"));

    @Test
    void aRenameNamesBothTables() {
        final Table before = table("sales", "orders");
        final Table after = table("sales", "orders_2026");
        assertEquals(List.of(HiveObjectReference.table("sales", "orders_2026", false), HiveObjectReference.table("sales", "orders", false)),
                mapper.map(event("ALTER_TABLE", MessageBuilder.getInstance().buildAlterTableMessage(before, after, false, null), "sales", "orders_2026",
                        JSONMessageEncoder.getInstance())));
    }

    @Test
    void partitionEventsNameEachPartitionInKeyOrder() {
        final Table orders = table("sales", "orders");
        final List<Partition> partitions = List.of(partition(orders, "2026-12-01", "nl"), partition(orders, "2026-12-01", "a/b"));
        final List<HiveObjectReference> expected = List.of(HiveObjectReference.partition("sales", "orders", "dt=2026-12-01/country=nl"),
                HiveObjectReference.partition("sales", "orders", "dt=2026-12-01/country=a%2Fb"));
        for (final MessageEncoder encoder : List.of(JSONMessageEncoder.getInstance(), GzipJSONMessageEncoder.getInstance())) {
            assertEquals(expected, mapper.map(event("ADD_PARTITION", MessageBuilder.getInstance().buildAddPartitionMessage(orders, partitions.iterator(),
                    Collections.<PartitionFiles>emptyIterator()), "sales", "orders", encoder)), encoder.getMessageFormat());
            assertEquals(expected, mapper.map(event("DROP_PARTITION", MessageBuilder.getInstance().buildDropPartitionMessage(orders, partitions.iterator()),
                    "sales", "orders", encoder)), encoder.getMessageFormat());
        }
        assertEquals(List.of(HiveObjectReference.partition("sales", "orders", "dt=2026-12-01/country=nl")),
                mapper.map(event("ALTER_PARTITION", MessageBuilder.getInstance().buildAlterPartitionMessage(orders, partitions.get(0), partitions.get(0),
                        false, null), "sales", "orders", JSONMessageEncoder.getInstance())));
    }

    @Test
    void anUnreadableMessageReconcilesTheWholeTable() {
        final NotificationEvent event = new NotificationEvent(7, 0, "ADD_PARTITION", "{not json");
        event.setDbName("sales");
        event.setTableName("orders");
        event.setMessageFormat("json-0.2");
        assertEquals(List.of(HiveObjectReference.table("sales", "orders", true)), mapper.map(event));
    }

    @Test
    void eventsOutsideTheChosenDatabasesOrOfOtherKindsNameNothing() {
        assertEquals(List.of(), mapper.map(event("CREATE_TABLE", MessageBuilder.getInstance().buildCreateTableMessage(table("scratch", "t"),
                Collections.emptyIterator()), "scratch", "t", JSONMessageEncoder.getInstance())));
        final NotificationEvent commit = new NotificationEvent(9, 0, "COMMIT_TXN", "{}");
        commit.setDbName("sales");
        assertEquals(List.of(), mapper.map(commit));
        assertEquals(List.of(HiveObjectReference.database("sales", false)), mapper.map(event("CREATE_DATABASE",
                MessageBuilder.getInstance().buildCreateDatabaseMessage(new org.apache.hadoop.hive.metastore.api.Database("sales", "", "/w/sales.db", new HashMap<>())),
                "sales", null, JSONMessageEncoder.getInstance())));
    }

    private static NotificationEvent event(final String type, final EventMessage message, final String database, final String table, final MessageEncoder encoder) {
        final NotificationEvent event = new NotificationEvent(1, 0, type, encoder.getSerializer().serialize(message));
        event.setMessageFormat(encoder.getMessageFormat());
        event.setDbName(database);
        event.setTableName(table);
        return event;
    }

    private static Table table(final String database, final String name) {
        final StorageDescriptor storage = new StorageDescriptor();
        storage.setCols(new ArrayList<>(List.of(new FieldSchema("id", "bigint", null))));
        storage.setLocation("hdfs://nn/warehouse/" + database + ".db/" + name);
        storage.setSerdeInfo(new SerDeInfo(name, "org.apache.hadoop.hive.ql.io.orc.OrcSerde", new HashMap<>()));
        final Table table = new Table();
        table.setDbName(database);
        table.setTableName(name);
        table.setSd(storage);
        table.setPartitionKeys(new ArrayList<>(List.of(new FieldSchema("dt", "string", null), new FieldSchema("country", "string", null))));
        table.setParameters(new HashMap<>());
        table.setTableType("MANAGED_TABLE");
        return table;
    }

    private static Partition partition(final Table table, final String day, final String country) {
        final Partition partition = new Partition();
        partition.setDbName(table.getDbName());
        partition.setTableName(table.getTableName());
        partition.setValues(new ArrayList<>(List.of(day, country)));
        partition.setSd(table.getSd().deepCopy());
        partition.setParameters(new HashMap<>());
        return partition;
    }
}
