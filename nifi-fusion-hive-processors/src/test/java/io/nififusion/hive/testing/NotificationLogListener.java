package io.nififusion.hive.testing;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.metastore.TransactionalMetaStoreEventListener;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.hive.metastore.api.NotificationEvent;
import org.apache.hadoop.hive.metastore.events.AddPartitionEvent;
import org.apache.hadoop.hive.metastore.events.AlterDatabaseEvent;
import org.apache.hadoop.hive.metastore.events.AlterPartitionEvent;
import org.apache.hadoop.hive.metastore.events.AlterTableEvent;
import org.apache.hadoop.hive.metastore.events.CreateDatabaseEvent;
import org.apache.hadoop.hive.metastore.events.CreateTableEvent;
import org.apache.hadoop.hive.metastore.events.DropDatabaseEvent;
import org.apache.hadoop.hive.metastore.events.DropPartitionEvent;
import org.apache.hadoop.hive.metastore.events.DropTableEvent;
import org.apache.hadoop.hive.metastore.events.ListenerEvent;
import org.apache.hadoop.hive.metastore.messaging.EventMessage;
import org.apache.hadoop.hive.metastore.messaging.MessageBuilder;
import org.apache.hadoop.hive.metastore.messaging.MessageEncoder;
import org.apache.hadoop.hive.metastore.messaging.PartitionFiles;
import org.apache.hadoop.hive.metastore.messaging.json.JSONMessageEncoder;

import java.util.Collections;

/**
 * The metastore's notification log for tests: Hive 4 publishes no DbNotificationListener outside its HCatalog server
 * extensions, so this one writes the same messages (the server's {@link MessageBuilder}, JSON encoded) to the same
 * table, inside the transaction of each change, for the events a migration follows.
 */
public final class NotificationLogListener extends TransactionalMetaStoreEventListener {
    private static final MessageEncoder ENCODER = JSONMessageEncoder.getInstance();

    public NotificationLogListener(final Configuration configuration) {
        super(configuration);
    }

    @Override
    public void onCreateDatabase(final CreateDatabaseEvent event) throws MetaException {
        log(event, "CREATE_DATABASE", MessageBuilder.getInstance().buildCreateDatabaseMessage(event.getDatabase()), event.getDatabase().getName(), null);
    }

    @Override
    public void onAlterDatabase(final AlterDatabaseEvent event) throws MetaException {
        log(event, "ALTER_DATABASE", MessageBuilder.getInstance().buildAlterDatabaseMessage(event.getOldDatabase(), event.getNewDatabase()),
                event.getNewDatabase().getName(), null);
    }

    @Override
    public void onDropDatabase(final DropDatabaseEvent event) throws MetaException {
        log(event, "DROP_DATABASE", MessageBuilder.getInstance().buildDropDatabaseMessage(event.getDatabase()), event.getDatabase().getName(), null);
    }

    @Override
    public void onCreateTable(final CreateTableEvent event) throws MetaException {
        log(event, "CREATE_TABLE", MessageBuilder.getInstance().buildCreateTableMessage(event.getTable(), Collections.emptyIterator()),
                event.getTable().getDbName(), event.getTable().getTableName());
    }

    @Override
    public void onAlterTable(final AlterTableEvent event) throws MetaException {
        log(event, "ALTER_TABLE", MessageBuilder.getInstance().buildAlterTableMessage(event.getOldTable(), event.getNewTable(), event.getIsTruncateOp(),
                event.getWriteId()), event.getNewTable().getDbName(), event.getNewTable().getTableName());
    }

    @Override
    public void onDropTable(final DropTableEvent event) throws MetaException {
        log(event, "DROP_TABLE", MessageBuilder.getInstance().buildDropTableMessage(event.getTable()), event.getTable().getDbName(),
                event.getTable().getTableName());
    }

    @Override
    public void onAddPartition(final AddPartitionEvent event) throws MetaException {
        log(event, "ADD_PARTITION", MessageBuilder.getInstance().buildAddPartitionMessage(event.getTable(), event.getPartitionIterator(),
                Collections.<PartitionFiles>emptyIterator()), event.getTable().getDbName(), event.getTable().getTableName());
    }

    @Override
    public void onAlterPartition(final AlterPartitionEvent event) throws MetaException {
        log(event, "ALTER_PARTITION", MessageBuilder.getInstance().buildAlterPartitionMessage(event.getTable(), event.getOldPartition(),
                event.getNewPartition(), event.getIsTruncateOp(), event.getWriteId()), event.getTable().getDbName(), event.getTable().getTableName());
    }

    @Override
    public void onDropPartition(final DropPartitionEvent event) throws MetaException {
        log(event, "DROP_PARTITION", MessageBuilder.getInstance().buildDropPartitionMessage(event.getTable(), event.getPartitionIterator()),
                event.getTable().getDbName(), event.getTable().getTableName());
    }

    private static void log(final ListenerEvent event, final String type, final EventMessage message, final String database, final String table)
            throws MetaException {
        if (!event.getStatus()) {
            return;
        }
        final NotificationEvent notification = new NotificationEvent(0, (int) (System.currentTimeMillis() / 1000), type,
                ENCODER.getSerializer().serialize(message));
        notification.setMessageFormat(ENCODER.getMessageFormat());
        notification.setCatName("hive");
        notification.setDbName(database);
        if (table != null) {
            notification.setTableName(table);
        }
        event.getIHMSHandler().getMS().addNotificationEvent(notification);
    }
}
