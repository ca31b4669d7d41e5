package io.nififusion.hive.metastore;

import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What differs between the target form of a source object ({@link TargetObjectMapper}) and the object the target holds:
 * the definition a query engine reads (type, columns, partition keys, storage formats, serde, mapped locations) and the
 * properties, minus those each metastore computes for itself (creation time, file counts and sizes of its own listing).
 * Used both to decide whether an object must be altered and to report an audit.
 */
public final class MetastoreObjectComparison {
    /** Properties a metastore sets from its own clock or its own listing of the location: they differ by design. */
    public static final Set<String> METASTORE_COMPUTED_PROPERTIES = Set.of("transient_lastDdlTime", "numFiles", "totalSize",
            "numFilesErasureCoded", "last_modified_time", "last_modified_by");

    private MetastoreObjectComparison() {
    }

    public static List<String> compare(final Database expected, final Database actual) {
        final List<String> differences = new ArrayList<>();
        differ(differences, "description", blankToNull(expected.getDescription()), blankToNull(actual.getDescription()));
        differLocation(differences, "location", expected.getLocationUri(), actual.getLocationUri());
        if (expected.getManagedLocationUri() != null) {
            differLocation(differences, "managed location", expected.getManagedLocationUri(), actual.getManagedLocationUri());
        }
        differ(differences, "owner", expected.getOwnerName(), actual.getOwnerName());
        differ(differences, "properties", properties(expected.getParameters()), properties(actual.getParameters()));
        return differences;
    }

    public static List<String> compare(final Table expected, final Table actual) {
        final List<String> differences = new ArrayList<>();
        differ(differences, "table type", expected.getTableType(), actual.getTableType());
        differ(differences, "owner", expected.getOwner(), actual.getOwner());
        differ(differences, "partition keys", columns(expected.getPartitionKeys()), columns(actual.getPartitionKeys()));
        differ(differences, "view text", expected.getViewExpandedText(), actual.getViewExpandedText());
        compareStorage(differences, expected.getSd(), actual.getSd());
        differ(differences, "properties", properties(expected.getParameters()), properties(actual.getParameters()));
        return differences;
    }

    public static List<String> compare(final Partition expected, final Partition actual) {
        final List<String> differences = new ArrayList<>();
        differ(differences, "values", expected.getValues(), actual.getValues());
        compareStorage(differences, expected.getSd(), actual.getSd());
        differ(differences, "properties", properties(expected.getParameters()), properties(actual.getParameters()));
        return differences;
    }

    /** Whether the target's table must be dropped and created again: its type or partition keys differ, which no alter changes. */
    public static boolean needsRecreate(final Table expected, final Table actual) {
        return !Objects.equals(expected.getTableType(), actual.getTableType())
                || !columns(expected.getPartitionKeys()).equals(columns(actual.getPartitionKeys()));
    }

    private static void compareStorage(final List<String> differences, final StorageDescriptor expected, final StorageDescriptor actual) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                differences.add("storage descriptor: " + (expected == null ? "none" : "present") + " vs " + (actual == null ? "none" : "present"));
            }
            return;
        }
        differ(differences, "columns", columns(expected.getCols()), columns(actual.getCols()));
        differLocation(differences, "location", blankToNull(expected.getLocation()), blankToNull(actual.getLocation()));
        differ(differences, "input format", expected.getInputFormat(), actual.getInputFormat());
        differ(differences, "output format", expected.getOutputFormat(), actual.getOutputFormat());
        differ(differences, "buckets", expected.getNumBuckets(), actual.getNumBuckets());
        differ(differences, "bucket columns", nullToEmpty(expected.getBucketCols()), nullToEmpty(actual.getBucketCols()));
        differ(differences, "sort columns", Objects.toString(expected.getSortCols(), "[]"), Objects.toString(actual.getSortCols(), "[]"));
        final SerDeInfo expectedSerde = expected.getSerdeInfo();
        final SerDeInfo actualSerde = actual.getSerdeInfo();
        differ(differences, "serde", expectedSerde == null ? null : expectedSerde.getSerializationLib(), actualSerde == null ? null : actualSerde.getSerializationLib());
        differ(differences, "serde properties", properties(expectedSerde == null ? null : expectedSerde.getParameters()),
                properties(actualSerde == null ? null : actualSerde.getParameters()));
    }

    private static List<String> columns(final List<FieldSchema> columns) {
        final List<String> described = new ArrayList<>();
        if (columns != null) {
            for (final FieldSchema column : columns) {
                described.add(column.getName() + " " + column.getType() + (column.getComment() == null ? "" : " '" + column.getComment() + "'"));
            }
        }
        return described;
    }

    private static Map<String, String> properties(final Map<String, String> parameters) {
        final Map<String, String> sorted = new TreeMap<>();
        if (parameters != null) {
            for (final Map.Entry<String, String> entry : parameters.entrySet()) {
                if (!METASTORE_COMPUTED_PROPERTIES.contains(entry.getKey())) {
                    sorted.put(entry.getKey(), entry.getValue());
                }
            }
        }
        return sorted;
    }

    private static List<String> nullToEmpty(final List<String> values) {
        return values == null ? List.of() : values;
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void differ(final List<String> differences, final String what, final Object expected, final Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(what + ": expected " + expected + ", target has " + actual);
        }
    }

    private static void differLocation(final List<String> differences, final String what, final String expected, final String actual) {
        if (!LocationMapper.sameLocation(expected, actual)) {
            differences.add(what + ": expected " + expected + ", target has " + actual);
        }
    }
}
