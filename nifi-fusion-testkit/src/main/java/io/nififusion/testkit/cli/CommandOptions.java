package io.nififusion.testkit.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} options of a command-line tool, each name one of those it knows. */
public final class CommandOptions {
    private final Map<String, String> values;

    private CommandOptions(final Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param from index of the first option (after the command word, if any)
     * @throws IllegalArgumentException for a name it does not know or an option without a value
     */
    public static CommandOptions parse(final String[] arguments, final int from, final Set<String> names) {
        final Map<String, String> values = new HashMap<>();
        for (int index = from; index < arguments.length; index += 2) {
            if (!names.contains(arguments[index])) {
                throw new IllegalArgumentException("Unknown option " + arguments[index] + " (try --help)");
            }
            if (index + 1 >= arguments.length) {
                throw new IllegalArgumentException("Missing value for " + arguments[index]);
            }
            values.put(arguments[index], arguments[index + 1]);
        }
        return new CommandOptions(values);
    }

    /** The option's value, or the default (may be null) when it was not given. */
    public String get(final String name, final String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public long getLong(final String name, final long defaultValue) {
        final String value = values.get(name);
        return value == null ? defaultValue : Long.parseLong(value);
    }
}
