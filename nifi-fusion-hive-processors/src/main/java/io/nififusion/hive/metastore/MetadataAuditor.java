package io.nififusion.hive.metastore;

import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the source and target metastores for the chosen databases, the way the tree audit compares file trees: a
 * merge of both sides' names, then, for objects on both sides, the definition the target should have
 * ({@link TargetObjectMapper}: locations mapped) against the one it has ({@link MetastoreObjectComparison}). Reads only;
 * the source is read as it is now, so run it when the source is quiet or expect in-flight changes to show as differences.
 */
public final class MetadataAuditor {
    private static final int PARTITION_FETCH_SIZE = 100;

    private final MetastoreConnection source;
    private final MetastoreConnection target;
    private final TargetObjectMapper mapper;
    private final int maxReported;

    public MetadataAuditor(final MetastoreConnection source, final MetastoreConnection target, final TargetObjectMapper mapper, final int maxReported) {
        this.source = source;
        this.target = target;
        this.mapper = mapper;
        this.maxReported = maxReported;
    }

    public MetadataAuditSummary audit(final DatabaseSelection selection) throws MetastoreReplicationException {
        final Tally tally = new Tally();
        final TreeSet<String> names = new TreeSet<>(selection.choose(source.execute(client -> client.getAllDatabases())));
        final TreeSet<String> targetNames = new TreeSet<>(selection.choose(target.execute(client -> client.getAllDatabases())));
        final TreeSet<String> all = new TreeSet<>(names);
        all.addAll(targetNames);
        for (final String database : all) {
            tally.databases++;
            if (!targetNames.contains(database)) {
                tally.report(new MetadataDifference(HiveObjectKind.DATABASE, database, MetadataDifference.Type.MISSING, null));
                continue;
            }
            if (!names.contains(database)) {
                tally.report(new MetadataDifference(HiveObjectKind.DATABASE, database, MetadataDifference.Type.EXTRA, null));
                continue;
            }
            final Database sourceDatabase = source.execute(client -> client.getDatabase(database));
            final Database targetDatabase = target.execute(client -> client.getDatabase(database));
            tally.compared(HiveObjectKind.DATABASE, database, MetastoreObjectComparison.compare(mapper.toTarget(sourceDatabase), targetDatabase));
            auditTables(database, tally);
        }
        return new MetadataAuditSummary(tally.databases, tally.tables, tally.partitions, tally.verified, tally.missing, tally.extra, tally.mismatched,
                List.copyOf(tally.differences));
    }

    private void auditTables(final String database, final Tally tally) throws MetastoreReplicationException {
        final TreeSet<String> sourceTables = lowerCased(source.execute(client -> client.getAllTables(database)));
        final TreeSet<String> targetTables = lowerCased(target.execute(client -> client.getAllTables(database)));
        final TreeSet<String> all = new TreeSet<>(sourceTables);
        all.addAll(targetTables);
        for (final String table : all) {
            tally.tables++;
            final String name = database + "." + table;
            if (!targetTables.contains(table)) {
                tally.report(new MetadataDifference(HiveObjectKind.TABLE, name, MetadataDifference.Type.MISSING, null));
                continue;
            }
            if (!sourceTables.contains(table)) {
                tally.report(new MetadataDifference(HiveObjectKind.TABLE, name, MetadataDifference.Type.EXTRA, null));
                continue;
            }
            final Table sourceTable = source.execute(client -> client.getTable(database, table));
            final Table targetTable = target.execute(client -> client.getTable(database, table));
            tally.compared(HiveObjectKind.TABLE, name, MetastoreObjectComparison.compare(mapper.toTarget(sourceTable), targetTable));
            if (sourceTable.getPartitionKeys() != null && !sourceTable.getPartitionKeys().isEmpty()) {
                auditPartitions(database, table, sourceTable, targetTable, tally);
            }
        }
    }

    private void auditPartitions(final String database, final String table, final Table sourceTable, final Table targetTable, final Tally tally)
            throws MetastoreReplicationException {
        final Map<String, Partition> sourcePartitions = partitions(source, sourceTable);
        final Map<String, Partition> targetPartitions = partitions(target, targetTable);
        final TreeSet<String> all = new TreeSet<>(sourcePartitions.keySet());
        all.addAll(targetPartitions.keySet());
        for (final String partition : all) {
            tally.partitions++;
            final String name = database + "." + table + "/" + partition;
            final Partition sourcePartition = sourcePartitions.get(partition);
            final Partition targetPartition = targetPartitions.get(partition);
            if (targetPartition == null) {
                tally.report(new MetadataDifference(HiveObjectKind.PARTITION, name, MetadataDifference.Type.MISSING, null));
            } else if (sourcePartition == null) {
                tally.report(new MetadataDifference(HiveObjectKind.PARTITION, name, MetadataDifference.Type.EXTRA, null));
            } else {
                tally.compared(HiveObjectKind.PARTITION, name, MetastoreObjectComparison.compare(mapper.toTarget(sourcePartition), targetPartition));
            }
        }
    }

    /** The table's partitions by name, fetched in pages of names. */
    private static Map<String, Partition> partitions(final MetastoreConnection connection, final Table definition) throws MetastoreReplicationException {
        final String database = definition.getDbName();
        final String table = definition.getTableName();
        final List<String> names = connection.execute(client -> {
            try {
                return client.listPartitionNames(database, table, (short) -1);
            } catch (final NoSuchObjectException e) {
                return List.of();
            }
        });
        final Map<String, Partition> byName = new TreeMap<>();
        for (int start = 0; start < names.size(); start += PARTITION_FETCH_SIZE) {
            final List<String> page = new ArrayList<>(names.subList(start, Math.min(names.size(), start + PARTITION_FETCH_SIZE)));
            final List<Partition> partitions = connection.execute(client -> client.getPartitionsByNames(database, table, page));
            for (final Partition partition : partitions) {
                byName.put(partitionName(definition, partition), partition);
            }
        }
        return byName;
    }

    private static String partitionName(final Table definition, final Partition partition) throws MetastoreReplicationException {
        final List<String> keys = new ArrayList<>();
        for (final FieldSchema key : definition.getPartitionKeys()) {
            keys.add(key.getName());
        }
        try {
            return PartitionName.of(keys, partition.getValues());
        } catch (final IllegalArgumentException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.UNEXPECTED, "Partition values " + partition.getValues() + " of "
                    + definition.getDbName() + "." + definition.getTableName() + " do not fit its partition keys", e);
        }
    }

    private static TreeSet<String> lowerCased(final List<String> names) {
        final TreeSet<String> lowered = new TreeSet<>();
        for (final String name : names) {
            lowered.add(name.toLowerCase(Locale.ROOT));
        }
        return lowered;
    }

    /** Counts and the first differences. */
    private final class Tally {
        private int databases;
        private int tables;
        private int partitions;
        private int verified;
        private int missing;
        private int extra;
        private int mismatched;
        private final List<MetadataDifference> differences = new ArrayList<>();

        private void compared(final HiveObjectKind kind, final String name, final List<String> found) {
            if (found.isEmpty()) {
                verified++;
            } else {
                report(new MetadataDifference(kind, name, MetadataDifference.Type.MISMATCH, String.join("; ", found)));
            }
        }

        private void report(final MetadataDifference difference) {
            switch (difference.type()) {
                case MISSING -> missing++;
                case EXTRA -> extra++;
                case MISMATCH -> mismatched++;
            }
            if (differences.size() < maxReported) {
                differences.add(difference);
            }
        }
    }
}
