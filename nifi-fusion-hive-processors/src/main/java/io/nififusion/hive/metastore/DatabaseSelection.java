package io.nififusion.hive.metastore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The databases a migration covers, chosen by comma-separated name patterns the way the HDFS listing is given its roots:
 * {@code sales, web_*} chooses {@code sales} and every database whose name starts with {@code web_}. {@code *} matches any
 * run of characters; names are compared in lower case, as the metastore keeps them. The metastore's own system
 * databases ({@code sys}, {@code information_schema}) are never chosen: HDInsight has its own.
 */
public final class DatabaseSelection {
    private static final List<String> SYSTEM_DATABASES = List.of("sys", "information_schema");
    private static final Pattern VALID_PATTERN = Pattern.compile("[a-z0-9_*]+");

    private final String text;
    private final List<Pattern> patterns;

    private DatabaseSelection(final String text, final List<Pattern> patterns) {
        this.text = text;
        this.patterns = patterns;
    }

    /**
     * @throws IllegalArgumentException naming the pattern that is not a database name pattern
     */
    public static DatabaseSelection parse(final String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("No database pattern given: name one or more databases, such as sales, web_*");
        }
        final List<Pattern> patterns = new ArrayList<>();
        final List<String> normalized = new ArrayList<>();
        for (final String part : text.split(",")) {
            final String pattern = part.strip().toLowerCase(Locale.ROOT);
            if (pattern.isEmpty()) {
                continue;
            }
            if (!VALID_PATTERN.matcher(pattern).matches()) {
                throw new IllegalArgumentException("Database pattern [" + part.strip()
                        + "] may hold only letters, digits, '_' and the wildcard '*', as Hive database names do");
            }
            normalized.add(pattern);
            patterns.add(Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q")));
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("No database pattern given: name one or more databases, such as sales, web_*");
        }
        return new DatabaseSelection(String.join(",", normalized), patterns);
    }

    public boolean matches(final String database) {
        if (database == null) {
            return false;
        }
        final String name = database.toLowerCase(Locale.ROOT);
        if (SYSTEM_DATABASES.contains(name)) {
            return false;
        }
        for (final Pattern pattern : patterns) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The chosen names among the given ones, sorted (the order the scan walks them in). */
    public List<String> choose(final Collection<String> databases) {
        final TreeSet<String> chosen = new TreeSet<>();
        for (final String database : databases) {
            if (matches(database)) {
                chosen.add(database.toLowerCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(chosen);
    }

    /** The patterns as normalized text, such as {@code sales,web_*}. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
