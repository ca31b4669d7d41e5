package io.nififusion.hive.metastore;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A partition's name as the metastore builds it, {@code key=value/key=value} with Hive's escaping of path characters
 * ({@code dt=2026-12-01/country=a%2Fb}), and {@code __HIVE_DEFAULT_PARTITION__} for an empty value. Hive's own helpers
 * for this live in classes that also reach into the HDFS server packages, which the shaded Hadoop client of the main
 * NAR does not hold, so the rule is kept here.
 */
public final class PartitionName {
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    private static final String ESCAPED = "\"#%'*/:=?\\\u007F{[]^";

    private PartitionName() {
    }

    /** @throws IllegalArgumentException when there are not as many values as keys */
    public static String of(final List<String> keys, final List<String> values) {
        if (keys.size() != values.size() || keys.isEmpty()) {
            throw new IllegalArgumentException("Partition values " + values + " do not fit the partition keys " + keys);
        }
        final StringBuilder name = new StringBuilder();
        for (int index = 0; index < keys.size(); index++) {
            if (index > 0) {
                name.append('/');
            }
            name.append(escape(keys.get(index).toLowerCase(Locale.ROOT))).append('=').append(escape(values.get(index)));
        }
        return name.toString();
    }

    /** The name of a partition given as key-value pairs in the table's key order. */
    public static String of(final Map<String, String> spec) {
        return of(List.copyOf(spec.keySet()), spec.values().stream().map(value -> value == null ? "" : value).toList());
    }

    static String escape(final String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_PARTITION;
        }
        final StringBuilder escaped = new StringBuilder();
        for (int index = 0; index < value.length(); index++) {
            final char character = value.charAt(index);
            if (character < ' ' || ESCAPED.indexOf(character) >= 0) {
                escaped.append('%').append(String.format(Locale.ROOT, "%02X", (int) character));
            } else {
                escaped.append(character);
            }
        }
        return escaped.toString();
    }
}
