package io.nififusion.hive.testing;

import io.nififusion.testkit.cli.CommandOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.thrift.TException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.nififusion.hive.testing.SourceMetastoreChanges.column;

/**
 * Plays a Hive user of the source cluster for a manual check of the Hive flow in a real NiFi: changes the source
 * metastore through its Thrift API and writes the files of the tables and partitions into the source HDFS, as a query
 * engine would. Each change is printed with a running count; at the end, what the chosen databases hold.
 * <p>
 * {@code seed|changes|churn --conf hdfs-site.xml --metastore thrift://127.0.0.1:PORT --warehouse /data/warehouse
 * [--seconds 300] [--interval-ms 3000] [--seed 1]}
 * <ul>
 *   <li>{@code seed}: databases {@code sales} (a managed table partitioned by day, an external table, a managed table
 *   without a location of its own), {@code web} (a table partitioned by two keys) and {@code scratch};</li>
 *   <li>{@code changes}: a new partition with its file, a new column, a partition property, a partition dropped with
 *   its data, a managed table renamed (the metastore moves its directory), an external table dropped (its files stay),
 *   a new external partitioned table, a table property, a database created and dropped;</li>
 *   <li>{@code churn}: random tables and partitions created, altered, renamed and dropped in database {@code live}.</li>
 * </ul>
 */
public final class HiveSourceActivityMain {
    private static final List<FieldSchema> ORDER_COLUMNS = List.of(column("id", "bigint"), column("amount", "decimal(10,2)"));

    private final SourceMetastoreChanges changes;
    private final FileSystem fileSystem;
    private final String warehouse;
    private final Random random;
    private int count;

    HiveSourceActivityMain(final SourceMetastoreChanges changes, final FileSystem fileSystem, final String warehouse, final long seed) {
        this.changes = changes;
        this.fileSystem = fileSystem;
        this.warehouse = warehouse;
        this.random = new Random(seed);
    }

    public static void main(final String[] arguments) throws Exception {
        if (arguments.length == 0 || "--help".equals(arguments[0])) {
            System.out.println("Usage: seed|changes|churn --conf hdfs-site.xml --metastore thrift://127.0.0.1:PORT --warehouse /data/warehouse "
                    + "[--seconds 300] [--interval-ms 3000] [--seed 1]");
            return;
        }
        final CommandOptions options = CommandOptions.parse(arguments, 1,
                Set.of("--conf", "--metastore", "--warehouse", "--seconds", "--interval-ms", "--seed"));
        final String configuration = options.get("--conf", null);
        final String metastore = options.get("--metastore", null);
        final String warehouse = options.get("--warehouse", "/data/warehouse");
        final long seconds = options.getLong("--seconds", 300);
        final long intervalMillis = options.getLong("--interval-ms", 3000);
        final long seed = options.getLong("--seed", 1);
        if (configuration == null || metastore == null) {
            throw new IllegalArgumentException("--conf (the hdfs-site.xml MiniDfsProcessMain wrote) and --metastore are required");
        }
        final Configuration hadoop = new Configuration();
        hadoop.addResource(new Path(configuration));
        try (FileSystem fileSystem = FileSystem.newInstance(hadoop); IMetaStoreClient client = EmbeddedMetastore.newClient(metastore)) {
            final String fileSystemUri = fileSystem.getUri().toString();
            final HiveSourceActivityMain activity = new HiveSourceActivityMain(new SourceMetastoreChanges(client, fileSystemUri), fileSystem, warehouse, seed);
            switch (arguments[0]) {
                case "seed" -> activity.seed();
                case "changes" -> activity.scriptedChanges();
                case "churn" -> activity.churn(Duration.ofSeconds(seconds), Duration.ofMillis(intervalMillis));
                default -> throw new IllegalArgumentException("Unknown command " + arguments[0] + " (seed, changes, churn)");
            }
            System.out.println("done: " + activity.count + " change(s); source now " + activity.summary());
        }
    }

    void seed() throws TException, IOException {
        database("sales", "orders and returns");
        table("sales", "orders", managed("sales.db/orders"), false, ORDER_COLUMNS, List.of(column("dt", "string")));
        for (final String day : List.of("2026-11-28", "2026-11-29", "2026-11-30")) {
            partition("sales", "orders", List.of(day), managed("sales.db/orders/dt=" + day), 2);
        }
        write(managed("sales.db/orders/dt=2026-11-30/_SUCCESS"), 0);
        table("sales", "events", external("events"), true, List.of(column("payload", "string")), List.of());
        write(external("events/events-1.orc"), 2000);
        table("sales", "customers", null, false, List.of(column("id", "bigint"), column("name", "string")), List.of());
        write(managed("sales.db/customers/part-00000.orc"), 1500);
        database("web", "click stream");
        table("web", "clicks", managed("web.db/clicks"), false, List.of(column("url", "string")),
                List.of(column("dt", "string"), column("country", "string")));
        for (final String day : List.of("2026-11-30", "2026-12-01")) {
            for (final String country : List.of("nl", "de")) {
                partition("web", "clicks", List.of(day, country), managed("web.db/clicks/dt=" + day + "/country=" + country), 1);
            }
        }
        database("scratch", "not migrated");
    }

    void scriptedChanges() throws TException, IOException {
        partition("sales", "orders", List.of("2026-12-01"), managed("sales.db/orders/dt=2026-12-01"), 2);
        changes.addColumn("sales", "orders", column("currency", "string"));
        report("add column sales.orders.currency");
        changes.alterPartitionParameter("sales", "orders", List.of("2026-11-30"), "compacted", "true");
        report("alter partition sales.orders/dt=2026-11-30 (compacted=true)");
        changes.dropPartition("sales", "orders", List.of("2026-11-28"), true);
        report("drop partition sales.orders/dt=2026-11-28 with its data");
        changes.renameTable("web", "clicks", "page_clicks");
        report("rename table web.clicks -> web.page_clicks (the metastore moves its directory)");
        changes.dropTable("sales", "events", false);
        report("drop external table sales.events (its files stay)");
        table("sales", "returns", external("returns"), true, List.of(column("order_id", "bigint")), List.of(column("region", "string")));
        partition("sales", "returns", List.of("emea"), external("returns/region=emea"), 1);
        changes.setTableProperty("sales", "returns", "retention.days", "30");
        report("alter table sales.returns (retention.days=30)");
        database("sales_tmp", "created and dropped");
        table("sales_tmp", "staging", managed("sales_tmp.db/staging"), false, List.of(column("x", "int")), List.of());
        changes.dropDatabase("sales_tmp");
        report("drop database sales_tmp with its tables");
    }

    /** Random changes in database {@code live} at a steady pace, bounded by the duration. */
    void churn(final Duration duration, final Duration interval) throws TException, IOException, InterruptedException {
        final IMetaStoreClient client = changes.client();
        if (!client.getAllDatabases().contains("live")) {
            database("live", "tables that keep changing");
        }
        final long end = System.nanoTime() + duration.toNanos();
        int created = 0;
        while (System.nanoTime() < end) {
            final List<String> tables = new ArrayList<>(client.getAllTables("live"));
            tables.sort(String::compareTo);
            final int choice = tables.size() < 3 ? 0 : random.nextInt(8);
            final String some = tables.isEmpty() ? null : tables.get(random.nextInt(tables.size()));
            switch (choice) {
                case 0 -> {
                    final String name = "t" + created++;
                    table("live", name, managed("live.db/" + name), false, List.of(column("v", "string")), List.of(column("hour", "int")));
                }
                case 1, 2 -> {
                    final int hour = random.nextInt(24);
                    if (client.listPartitionNames("live", some, (short) -1).contains("hour=" + hour)) {
                        changes.dropPartition("live", some, List.of(Integer.toString(hour)), true);
                        report("drop partition live." + some + "/hour=" + hour + " with its data");
                    } else {
                        final String tablePath = new Path(client.getTable("live", some).getSd().getLocation()).toUri().getPath();
                        partition("live", some, List.of(Integer.toString(hour)), tablePath + "/hour=" + hour, 1);
                    }
                }
                case 3 -> {
                    changes.setTableProperty("live", some, "touched", Integer.toString(random.nextInt(1000)));
                    report("alter table live." + some + " (touched)");
                }
                case 4 -> {
                    changes.addColumn("live", some, column("c" + created++, "int"));
                    report("add column to live." + some);
                }
                case 5 -> {
                    final String renamed = "r" + created++;
                    changes.renameTable("live", some, renamed);
                    report("rename table live." + some + " -> live." + renamed);
                }
                case 6 -> {
                    changes.dropTable("live", some, true);
                    report("drop table live." + some + " with its data");
                }
                default -> {
                    final List<String> partitions = client.listPartitionNames("live", some, (short) -1);
                    if (!partitions.isEmpty()) {
                        final String name = partitions.get(random.nextInt(partitions.size()));
                        changes.alterPartitionParameter("live", some, List.of(name.substring(name.indexOf('=') + 1)), "touched", "yes");
                        report("alter partition live." + some + "/" + name);
                    }
                }
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private void database(final String name, final String description) throws TException {
        changes.createDatabase(name, managed(name + ".db"), description);
        report("create database " + name);
    }

    /** A table; {@code path} null leaves its location to the metastore (under its database's). */
    private void table(final String database, final String name, final String path, final boolean external, final List<FieldSchema> columns,
                       final List<FieldSchema> partitionKeys) throws TException {
        changes.createTable(database, name, path, external, columns, partitionKeys);
        report("create " + (external ? "external" : "managed") + " table " + database + "." + name
                + (partitionKeys.isEmpty() ? "" : " partitioned by " + partitionKeys.size() + " key(s)"));
    }

    /** A partition, then its files, as an engine writing into it would. */
    private void partition(final String database, final String table, final List<String> values, final String path, final int files)
            throws TException, IOException {
        changes.addPartition(database, table, values, path);
        report("add partition " + database + "." + table + " " + values);
        for (int file = 0; file < files; file++) {
            write(path + String.format("/part-%05d.orc", file), 1000 + random.nextInt(8000));
        }
    }

    private void write(final String path, final int length) throws IOException {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        try (FSDataOutputStream out = fileSystem.create(new Path(path), true)) {
            out.write(bytes);
        }
        report("write " + path + " (" + length + " bytes)");
    }

    private String managed(final String relative) {
        return warehouse + "/managed/" + relative;
    }

    private String external(final String relative) {
        return warehouse + "/external/" + relative;
    }

    private void report(final String change) {
        count++;
        System.out.println(count + " " + change);
        System.out.flush();
    }

    private String summary() throws TException {
        final IMetaStoreClient client = changes.client();
        int tables = 0;
        int partitions = 0;
        final List<String> databases = client.getAllDatabases();
        for (final String database : databases) {
            for (final String table : client.getAllTables(database)) {
                tables++;
                partitions += client.listPartitionNames(database, table, (short) -1).size();
            }
        }
        return databases.size() + " database(s), " + tables + " table(s), " + partitions + " partition(s)";
    }
}
