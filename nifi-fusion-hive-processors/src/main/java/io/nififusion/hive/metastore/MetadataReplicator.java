package io.nififusion.hive.metastore;

import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies one metadata record to the target metastore as a state, not as an event (DESIGN §2): whatever the record
 * says, the object is read from the source now and the target made to match it, so records may come late, twice or
 * in any order. An object the source no longer holds is dropped at the target (unless drops are disabled); drops never
 * delete data, which is the data pipeline's to remove. A partition is added (or moved to another location) only once
 * its files have converged at the target; until then the record is {@link MetadataOutcome#PENDING}.
 * <p>
 * A table created at the target brings its partitions along (those whose data has converged), so a rename, a re-created
 * table or a partition record that finds no table at the target all end in the same state.
 */
public final class MetadataReplicator {
    private static final int PARTITION_FETCH_SIZE = 100;

    private final MetastoreConnection source;
    private final MetastoreConnection target;
    private final TargetObjectMapper mapper;
    private final PartitionDataCheck dataCheck;
    private final boolean dropsAllowed;

    public MetadataReplicator(final MetastoreConnection source, final MetastoreConnection target, final TargetObjectMapper mapper,
                              final PartitionDataCheck dataCheck, final boolean dropsAllowed) {
        this.source = source;
        this.target = target;
        this.mapper = mapper;
        this.dataCheck = dataCheck;
        this.dropsAllowed = dropsAllowed;
    }

    public MetadataApplyResult apply(final HiveObjectReference reference) throws MetastoreReplicationException {
        final List<String> actions = new ArrayList<>();
        final String pending = switch (reference.kind()) {
            case DATABASES -> applyDatabases(reference, actions);
            case DATABASE -> applyDatabase(reference.database(), reference.reconcile(), actions);
            case TABLE -> applyTable(reference.database(), reference.table(), reference.reconcile(), actions);
            case PARTITION -> applyPartition(reference, actions);
        };
        if (pending != null) {
            return new MetadataApplyResult(MetadataOutcome.PENDING, actions, pending);
        }
        return new MetadataApplyResult(actions.isEmpty() ? MetadataOutcome.UNCHANGED : MetadataOutcome.APPLIED, actions, null);
    }

    private String applyDatabases(final HiveObjectReference reference, final List<String> actions) throws MetastoreReplicationException {
        final DatabaseSelection selection = DatabaseSelection.parse(reference.database());
        final Set<String> sourceDatabases = new LinkedHashSet<>(selection.choose(source.execute(client -> client.getAllDatabases())));
        for (final String database : selection.choose(target.execute(client -> client.getAllDatabases()))) {
            if (!sourceDatabases.contains(database)) {
                dropDatabase(database, actions);
            }
        }
        return null;
    }

    private String applyDatabase(final String name, final boolean reconcile, final List<String> actions) throws MetastoreReplicationException {
        final Database sourceDatabase = source.execute(client -> {
            try {
                return client.getDatabase(name);
            } catch (final NoSuchObjectException e) {
                return null;
            }
        });
        if (sourceDatabase == null) {
            dropDatabase(name, actions);
            return null;
        }
        ensureDatabase(sourceDatabase, actions);
        if (!reconcile) {
            return null;
        }
        final Set<String> sourceTables = lowerCased(source.execute(client -> client.getAllTables(name)));
        for (final String table : lowerCased(target.execute(client -> client.getAllTables(name)))) {
            if (!sourceTables.contains(table)) {
                dropTable(name, table, actions);
            }
        }
        return null;
    }

    private void ensureDatabase(final Database sourceDatabase, final List<String> actions) throws MetastoreReplicationException {
        final Database expected = mapper.toTarget(sourceDatabase);
        final String name = sourceDatabase.getName();
        final Database existing = target.execute(client -> {
            try {
                return client.getDatabase(name);
            } catch (final NoSuchObjectException e) {
                return null;
            }
        });
        if (existing == null) {
            target.execute(client -> {
                client.createDatabase(expected);
                return null;
            });
            actions.add("created database " + name);
            return;
        }
        final List<String> differences = MetastoreObjectComparison.compare(expected, existing);
        if (!differences.isEmpty()) {
            target.execute(client -> {
                client.alterDatabase(name, expected);
                return null;
            });
            actions.add("altered database " + name + " (" + String.join("; ", differences) + ")");
        }
    }

    private void dropDatabase(final String name, final List<String> actions) throws MetastoreReplicationException {
        final boolean exists = target.execute(client -> {
            try {
                client.getDatabase(name);
                return true;
            } catch (final NoSuchObjectException e) {
                return false;
            }
        });
        if (!exists) {
            return;
        }
        if (!dropsAllowed) {
            actions.add("kept database " + name + " that the source no longer has (Drop Policy)");
            return;
        }
        // cascade drops its tables at the target, never their data: the data pipeline removes what the source removed
        target.execute(client -> {
            client.dropDatabase(name, false, true, true);
            return null;
        });
        actions.add("dropped database " + name);
    }

    private String applyTable(final String database, final String name, final boolean reconcile, final List<String> actions)
            throws MetastoreReplicationException {
        final Table sourceTable = readTable(source, database, name);
        if (sourceTable == null) {
            dropTable(database, name, actions);
            return null;
        }
        final Database sourceDatabase = source.execute(client -> {
            try {
                return client.getDatabase(database);
            } catch (final NoSuchObjectException e) {
                return null;
            }
        });
        if (sourceDatabase == null) {
            // dropped with its database after the table was read: the database's record drops both
            return null;
        }
        ensureDatabase(sourceDatabase, actions);
        final Table expected = mapper.toTarget(sourceTable);
        Table existing = readTable(target, database, name);
        boolean created = false;
        if (existing != null && MetastoreObjectComparison.needsRecreate(expected, existing)) {
            dropTable(database, name, actions);
            existing = null;
        }
        if (existing == null) {
            target.execute(client -> {
                client.createTable(expected);
                return null;
            });
            actions.add("created table " + database + "." + name);
            created = true;
        } else {
            final List<String> differences = MetastoreObjectComparison.compare(expected, existing);
            if (!differences.isEmpty()) {
                target.execute(client -> {
                    client.alter_table(database, name, expected);
                    return null;
                });
                actions.add("altered table " + database + "." + name + " (" + String.join("; ", differences) + ")");
            }
        }
        if ((created || reconcile) && sourceTable.getPartitionKeys() != null && !sourceTable.getPartitionKeys().isEmpty()) {
            return synchronizePartitions(database, name, actions);
        }
        return null;
    }

    /** Every partition of the table, both sides: drops what the source lacks, adds or alters what has converged. */
    private String synchronizePartitions(final String database, final String table, final List<String> actions) throws MetastoreReplicationException {
        final List<String> sourceNames = listPartitionNames(source, database, table);
        final Set<String> sourceNameSet = new LinkedHashSet<>(sourceNames);
        for (final String name : listPartitionNames(target, database, table)) {
            if (!sourceNameSet.contains(name)) {
                dropPartition(database, table, name, actions);
            }
        }
        final Table targetTable = readTable(target, database, table);
        int pending = 0;
        String firstPending = null;
        for (int start = 0; start < sourceNames.size(); start += PARTITION_FETCH_SIZE) {
            final List<String> names = sourceNames.subList(start, Math.min(sourceNames.size(), start + PARTITION_FETCH_SIZE));
            final List<Partition> sourcePartitions = source.execute(client -> client.getPartitionsByNames(database, table, new ArrayList<>(names)));
            for (final Partition sourcePartition : sourcePartitions) {
                final String reason = ensurePartition(targetTable, sourcePartition, actions);
                if (reason != null) {
                    pending++;
                    if (firstPending == null) {
                        firstPending = reason;
                    }
                }
            }
        }
        return pending == 0 ? null : pending + " partition(s) of " + database + "." + table + " wait for their data; first: " + firstPending;
    }

    private String applyPartition(final HiveObjectReference reference, final List<String> actions) throws MetastoreReplicationException {
        final String database = reference.database();
        final String table = reference.table();
        final Table sourceTable = readTable(source, database, table);
        final Table targetTable = readTable(target, database, table);
        if (sourceTable == null || targetTable == null || MetastoreObjectComparison.needsRecreate(mapper.toTarget(sourceTable), targetTable)) {
            // the table is missing on one side or must be made again: the table's state decides, partitions included
            return applyTable(database, table, false, actions);
        }
        final Partition sourcePartition = source.execute(client -> {
            try {
                return client.getPartition(database, table, reference.partition());
            } catch (final NoSuchObjectException e) {
                return null;
            }
        });
        if (sourcePartition == null) {
            dropPartition(database, table, reference.partition(), actions);
            return null;
        }
        return ensurePartition(targetTable, sourcePartition, actions);
    }

    /** @return why the partition cannot be added or moved yet, or null when the target now matches */
    private String ensurePartition(final Table targetTable, final Partition sourcePartition, final List<String> actions) throws MetastoreReplicationException {
        final String database = targetTable.getDbName();
        final String table = targetTable.getTableName();
        final Partition expected = mapper.toTarget(sourcePartition);
        final String name = database + "." + table + "/" + String.join(",", sourcePartition.getValues());
        final Partition existing = target.execute(client -> {
            try {
                return client.getPartition(database, table, new ArrayList<>(sourcePartition.getValues()));
            } catch (final NoSuchObjectException e) {
                return null;
            }
        });
        if (existing != null) {
            final List<String> differences = MetastoreObjectComparison.compare(expected, existing);
            if (differences.isEmpty()) {
                return null;
            }
            final boolean moved = !LocationMapper.sameLocation(location(expected), location(existing));
            if (moved) {
                final String pending = dataPending(sourcePartition, name);
                if (pending != null) {
                    return pending;
                }
            }
            target.execute(client -> {
                client.alter_partition(database, table, expected);
                return null;
            });
            actions.add("altered partition " + name + " (" + String.join("; ", differences) + ")");
            return null;
        }
        final String pending = dataPending(sourcePartition, name);
        if (pending != null) {
            return pending;
        }
        target.execute(client -> client.add_partition(expected));
        actions.add("added partition " + name);
        return null;
    }

    private String dataPending(final Partition sourcePartition, final String name) throws MetastoreReplicationException {
        final String sourceLocation = location(sourcePartition);
        if (sourceLocation == null) {
            return null;
        }
        final LocationMapper locations = mapper.getLocations();
        final String reason = dataCheck.pendingReason(locations.toSourcePath(sourceLocation), locations.toTargetPath(sourceLocation));
        return reason == null ? null : "Partition " + name + ": " + reason;
    }

    private void dropTable(final String database, final String name, final List<String> actions) throws MetastoreReplicationException {
        if (readTable(target, database, name) == null) {
            return;
        }
        if (!dropsAllowed) {
            actions.add("kept table " + database + "." + name + " that the source no longer has (Drop Policy)");
            return;
        }
        target.execute(client -> {
            client.dropTable(database, name, false, true);
            return null;
        });
        actions.add("dropped table " + database + "." + name);
    }

    private void dropPartition(final String database, final String table, final String partition, final List<String> actions)
            throws MetastoreReplicationException {
        final boolean dropped;
        if (!dropsAllowed) {
            final boolean exists = target.execute(client -> {
                try {
                    client.getPartition(database, table, partition);
                    return true;
                } catch (final NoSuchObjectException e) {
                    return false;
                }
            });
            if (exists) {
                actions.add("kept partition " + database + "." + table + "/" + partition + " that the source no longer has (Drop Policy)");
            }
            return;
        }
        dropped = target.execute(client -> {
            try {
                return client.dropPartition(database, table, partition, false);
            } catch (final NoSuchObjectException e) {
                return false;
            }
        });
        if (dropped) {
            actions.add("dropped partition " + database + "." + table + "/" + partition);
        }
    }

    private static Table readTable(final MetastoreConnection connection, final String database, final String name) throws MetastoreReplicationException {
        return connection.execute(client -> {
            try {
                return client.getTable(database, name);
            } catch (final NoSuchObjectException e) {
                return null;
            }
        });
    }

    private static List<String> listPartitionNames(final MetastoreConnection connection, final String database, final String table)
            throws MetastoreReplicationException {
        return connection.execute(client -> {
            try {
                return client.listPartitionNames(database, table, (short) -1);
            } catch (final NoSuchObjectException e) {
                return List.of();
            }
        });
    }

    private static String location(final Partition partition) {
        return partition.getSd() == null ? null : partition.getSd().getLocation();
    }

    private static Set<String> lowerCased(final List<String> names) {
        final Set<String> lowered = new LinkedHashSet<>();
        for (final String name : names) {
            lowered.add(name.toLowerCase(Locale.ROOT));
        }
        return lowered;
    }
}
