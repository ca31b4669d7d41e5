package io.nififusion.hive.testing;

import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.thrift.TException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two metastores for a manual check of the Hive flow, independent of the product's own audit: for each named
 * database, its tables (type, columns, partition keys, formats, user properties, location) and their partitions
 * (values, properties, location), each target location expected to be the source location with its prefix replaced.
 * Prints every difference and a summary line; exits 1 when there is a difference.
 * <p>
 * {@code --source thrift://... --target thrift://... --databases sales,web --source-prefix hdfs://127.0.0.1:PORT/data
 * --target-prefix abfs://landing@fusionemulator.dfs.core.windows.net/migrated}
 */
public final class MetastoreComparisonMain {
    /** Properties each metastore writes for itself. */
    private static final Set<String> OWN_PROPERTIES = Set.of("transient_lastDdlTime", "numFiles", "totalSize", "numFilesErasureCoded",
            "last_modified_time", "last_modified_by", "COLUMN_STATS_ACCURATE", "numRows", "rawDataSize");

    private final IMetaStoreClient source;
    private final IMetaStoreClient target;
    private final String sourcePrefix;
    private final String targetPrefix;
    private final List<String> differences = new ArrayList<>();
    private int tables;
    private int partitions;

    MetastoreComparisonMain(final IMetaStoreClient source, final IMetaStoreClient target, final String sourcePrefix, final String targetPrefix) {
        this.source = source;
        this.target = target;
        this.sourcePrefix = sourcePrefix;
        this.targetPrefix = targetPrefix;
    }

    public static void main(final String[] arguments) throws Exception {
        final Map<String, String> options = new TreeMap<>();
        for (int index = 0; index + 1 < arguments.length; index += 2) {
            options.put(arguments[index], arguments[index + 1]);
        }
        for (final String required : List.of("--source", "--target", "--databases", "--source-prefix", "--target-prefix")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("Missing " + required + "; usage: --source URI --target URI --databases a,b "
                        + "--source-prefix hdfs://host:port/root --target-prefix abfs://fs@account.dfs.core.windows.net/root");
            }
        }
        final int differences;
        try (IMetaStoreClient source = EmbeddedMetastore.newClient(options.get("--source"));
             IMetaStoreClient target = EmbeddedMetastore.newClient(options.get("--target"))) {
            final MetastoreComparisonMain comparison = new MetastoreComparisonMain(source, target, options.get("--source-prefix"),
                    options.get("--target-prefix"));
            final List<String> databases = List.of(options.get("--databases").split(","));
            for (final String database : databases) {
                comparison.compareDatabase(database.strip());
            }
            comparison.differences.forEach(difference -> System.out.println("DIFFERENCE " + difference));
            System.out.println("compared " + databases.size() + " database(s), " + comparison.tables + " table(s), " + comparison.partitions
                    + " partition(s) (source): " + comparison.differences.size() + " difference(s)");
            differences = comparison.differences.size();
        }
        System.exit(differences == 0 ? 0 : 1);
    }

    void compareDatabase(final String name) throws TException {
        final boolean atSource = source.getAllDatabases().contains(name);
        final boolean atTarget = target.getAllDatabases().contains(name);
        if (atSource != atTarget) {
            differences.add("database " + name + (atSource ? " missing at the target" : " extra at the target"));
            return;
        }
        if (!atSource) {
            return;
        }
        final Database sourceDatabase = source.getDatabase(name);
        final Database targetDatabase = target.getDatabase(name);
        same("database " + name + " location", mapped(sourceDatabase.getLocationUri()), targetDatabase.getLocationUri());
        same("database " + name + " description", sourceDatabase.getDescription(), targetDatabase.getDescription());
        same("database " + name + " owner", sourceDatabase.getOwnerName(), targetDatabase.getOwnerName());
        final Set<String> names = new TreeSet<>(source.getAllTables(name));
        for (final String extra : target.getAllTables(name)) {
            if (!names.contains(extra)) {
                differences.add("table " + name + "." + extra + " extra at the target");
            }
        }
        for (final String table : names) {
            tables++;
            if (!target.tableExists(name, table)) {
                differences.add("table " + name + "." + table + " missing at the target");
                continue;
            }
            compareTable(source.getTable(name, table), target.getTable(name, table));
        }
    }

    private void compareTable(final Table sourceTable, final Table targetTable) throws TException {
        final String name = "table " + sourceTable.getDbName() + "." + sourceTable.getTableName();
        same(name + " type", sourceTable.getTableType(), targetTable.getTableType());
        same(name + " partition keys", columns(sourceTable.getPartitionKeys()), columns(targetTable.getPartitionKeys()));
        same(name + " properties", userProperties(sourceTable.getParameters()), userProperties(targetTable.getParameters()));
        compareStorage(name, sourceTable.getSd(), targetTable.getSd());
        final List<String> sourceNames = source.listPartitionNames(sourceTable.getDbName(), sourceTable.getTableName(), (short) -1);
        final List<String> targetNames = target.listPartitionNames(targetTable.getDbName(), targetTable.getTableName(), (short) -1);
        same(name + " partitions", new TreeSet<>(sourceNames), new TreeSet<>(targetNames));
        for (final String partition : sourceNames) {
            partitions++;
            if (targetNames.contains(partition)) {
                final Partition sourcePartition = source.getPartition(sourceTable.getDbName(), sourceTable.getTableName(), partition);
                final Partition targetPartition = target.getPartition(targetTable.getDbName(), targetTable.getTableName(), partition);
                same(name + "/" + partition + " properties", userProperties(sourcePartition.getParameters()),
                        userProperties(targetPartition.getParameters()));
                compareStorage(name + "/" + partition, sourcePartition.getSd(), targetPartition.getSd());
            }
        }
    }

    private void compareStorage(final String name, final StorageDescriptor sourceStorage, final StorageDescriptor targetStorage) {
        same(name + " location", mapped(sourceStorage.getLocation()), targetStorage.getLocation());
        same(name + " columns", columns(sourceStorage.getCols()), columns(targetStorage.getCols()));
        same(name + " input format", sourceStorage.getInputFormat(), targetStorage.getInputFormat());
        same(name + " output format", sourceStorage.getOutputFormat(), targetStorage.getOutputFormat());
        same(name + " serde", sourceStorage.getSerdeInfo().getSerializationLib(), targetStorage.getSerdeInfo().getSerializationLib());
    }

    private String mapped(final String location) {
        if (location == null || !location.startsWith(sourcePrefix)) {
            return "(not under " + sourcePrefix + ": " + location + ")";
        }
        return targetPrefix + location.substring(sourcePrefix.length());
    }

    private void same(final String what, final Object expected, final Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(what + ": expected " + expected + ", target has " + actual);
        }
    }

    private static List<String> columns(final List<FieldSchema> columns) {
        final List<String> described = new ArrayList<>();
        for (final FieldSchema column : columns == null ? List.<FieldSchema>of() : columns) {
            described.add(column.getName() + " " + column.getType());
        }
        return described;
    }

    private static Map<String, String> userProperties(final Map<String, String> properties) {
        final Map<String, String> user = new TreeMap<>(properties == null ? Map.of() : properties);
        user.keySet().removeAll(OWN_PROPERTIES);
        return user;
    }
}
