package io.nififusion.hive.metastore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.hive.metastore.api.NotificationEvent;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TJSONProtocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Turns one metastore notification into the objects it touched. The event names them; the message (JSON, possibly
 * gzipped, as Hive's notification listener writes it) adds what the event alone does not: the old name of a renamed
 * table, the partitions of a partition event. An event whose message cannot be read still names its table, and the
 * table is then reconciled (every partition read again), so nothing an unreadable message held is lost.
 * Events of other kinds (transactions, functions, constraints, statistics) touch nothing this migration copies.
 */
public final class NotificationEventMapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatabaseSelection selection;

    public NotificationEventMapper(final DatabaseSelection selection) {
        this.selection = selection;
    }

    public List<HiveObjectReference> map(final NotificationEvent event) {
        final String type = event.getEventType() == null ? "" : event.getEventType().toUpperCase(Locale.ROOT);
        final String database = lower(event.getDbName());
        final String table = lower(event.getTableName());
        final Set<HiveObjectReference> references = new LinkedHashSet<>();
        switch (type) {
            case "CREATE_DATABASE", "ALTER_DATABASE", "DROP_DATABASE" -> addDatabase(references, database);
            case "CREATE_TABLE", "DROP_TABLE" -> addTable(references, database, table, false);
            case "ALTER_TABLE" -> {
                addTable(references, database, table, false);
                final Table before = readTable(event, "tableObjBeforeJson");
                if (before != null) {
                    addTable(references, lower(before.getDbName()), lower(before.getTableName()), false);
                }
            }
            case "ADD_PARTITION", "DROP_PARTITION" -> addPartitions(references, event, database, table, "partitions");
            case "ALTER_PARTITION", "ALTER_PARTITIONS" -> addPartitions(references, event, database, table, "keyValues");
            case "INSERT" -> addTable(references, database, table, true);
            default -> {
                // not metadata this migration copies
            }
        }
        return new ArrayList<>(references);
    }

    private void addDatabase(final Set<HiveObjectReference> references, final String database) {
        if (selection.matches(database)) {
            references.add(HiveObjectReference.database(database, false));
        }
    }

    private void addTable(final Set<HiveObjectReference> references, final String database, final String table, final boolean reconcile) {
        if (table != null && selection.matches(database)) {
            references.add(HiveObjectReference.table(database, table, reconcile));
        }
    }

    /** The partitions of an add, drop or alter: from the key-value maps of the message, in the table's key order. */
    private void addPartitions(final Set<HiveObjectReference> references, final NotificationEvent event, final String database,
                               final String table, final String field) {
        if (table == null || !selection.matches(database)) {
            return;
        }
        final JsonNode message = readMessage(event);
        final List<Map<String, String>> specs = new ArrayList<>();
        if (message != null) {
            final JsonNode node = message.get(field);
            if (node != null && node.isArray()) {
                for (final JsonNode element : node) {
                    specs.add(toSpec(element));
                }
            } else if (node != null && node.isObject()) {
                specs.add(toSpec(node));
            }
        }
        final List<String> names = new ArrayList<>();
        for (final Map<String, String> spec : specs) {
            if (!spec.isEmpty()) {
                names.add(PartitionName.of(spec));
            }
        }
        if (names.isEmpty()) {
            addTable(references, database, table, true);
            return;
        }
        for (final String name : names) {
            references.add(HiveObjectReference.partition(database, table, name));
        }
    }

    private static Map<String, String> toSpec(final JsonNode node) {
        final Map<String, String> spec = new LinkedHashMap<>();
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> field = fields.next();
            spec.put(field.getKey(), field.getValue().asText());
        }
        return spec;
    }

    private static Table readTable(final NotificationEvent event, final String field) {
        final JsonNode message = readMessage(event);
        if (message == null || message.get(field) == null) {
            return null;
        }
        try {
            final Table table = new Table();
            new TDeserializer(new TJSONProtocol.Factory()).deserialize(table, message.get(field).asText(), StandardCharsets.UTF_8.name());
            return table;
        } catch (final TException e) {
            return null;
        }
    }

    /** The message as JSON, or null when it cannot be read. */
    static JsonNode readMessage(final NotificationEvent event) {
        final String message = event.getMessage();
        if (message == null || message.isBlank()) {
            return null;
        }
        final String format = event.getMessageFormat() == null ? "" : event.getMessageFormat().toLowerCase(Locale.ROOT);
        try {
            if (format.startsWith("gzip")) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(message.strip())))) {
                    return JSON.readTree(in);
                }
            }
            return JSON.readTree(message);
        } catch (final IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String lower(final String name) {
        return name == null || name.isBlank() ? null : name.toLowerCase(Locale.ROOT);
    }
}
