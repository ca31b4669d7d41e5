package io.nififusion.hive.metastore;

import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.api.UnknownDBException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Walks the chosen databases in name order, table by table, in steps of about {@code batchSize} objects: a record per
 * database, per table and per partition. The cursor (database, last table done) goes to the listing's state after each
 * step, so a restart resumes instead of starting over; memory holds one table's partition names at a time.
 * A database or table dropped while the scan walks it is skipped: its drop event follows in the log.
 */
public final class MetastoreScanner {
    private final MetastoreConnection source;
    private final DatabaseSelection selection;
    private final int batchSize;

    public MetastoreScanner(final MetastoreConnection source, final DatabaseSelection selection, final int batchSize) {
        this.source = source;
        this.selection = selection;
        this.batchSize = batchSize;
    }

    public ScanPage next(final HiveListingState state) throws MetastoreReplicationException {
        final List<HiveObjectReference> references = new ArrayList<>();
        if (state.reconcile() && state.cursorDatabase() == null) {
            references.add(HiveObjectReference.databases(selection.text()));
        }
        final List<String> databases = selection.choose(source.execute(client -> client.getAllDatabases()));
        for (final String database : databases) {
            if (state.cursorDatabase() != null && database.compareTo(state.cursorDatabase()) < 0) {
                continue;
            }
            final boolean resuming = database.equals(state.cursorDatabase());
            if (!resuming) {
                references.add(HiveObjectReference.database(database, state.reconcile()));
            }
            final List<String> tables = listTables(database);
            for (final String table : tables) {
                if (resuming && state.cursorTable() != null && table.compareTo(state.cursorTable()) <= 0) {
                    continue;
                }
                references.add(HiveObjectReference.table(database, table, state.reconcile()));
                for (final String partition : listPartitionNames(database, table)) {
                    references.add(HiveObjectReference.partition(database, table, partition));
                }
                if (references.size() >= batchSize) {
                    return new ScanPage(references, state.withCursor(database, table));
                }
            }
            if (references.size() >= batchSize) {
                return new ScanPage(references, state.withCursor(database, tables.isEmpty() ? null : tables.get(tables.size() - 1)));
            }
        }
        return new ScanPage(references, state.tailing());
    }

    private List<String> listTables(final String database) throws MetastoreReplicationException {
        return source.execute(client -> {
            try {
                final TreeSet<String> sorted = new TreeSet<>();
                for (final String table : client.getAllTables(database)) {
                    sorted.add(table.toLowerCase(Locale.ROOT));
                }
                return new ArrayList<>(sorted);
            } catch (final UnknownDBException | NoSuchObjectException e) {
                return List.of();
            }
        });
    }

    private List<String> listPartitionNames(final String database, final String table) throws MetastoreReplicationException {
        return source.execute(client -> {
            try {
                return client.listPartitionNames(database, table, (short) -1);
            } catch (final NoSuchObjectException e) {
                return List.of();
            }
        });
    }
}
