package io.nififusion.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NiFi's parameter reference syntax, {@code #{name}} ({@code ##{name}} is an escaped literal). */
final class ParameterReferences {
    private static final Pattern REFERENCE = Pattern.compile("(?<!#)#\\{([^}]+)}");

    private ParameterReferences() {
    }

    static List<String> namesIn(final String value) {
        final List<String> names = new ArrayList<>();
        if (value != null) {
            final Matcher matcher = REFERENCE.matcher(value);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** True when the whole value is one reference, the only form NiFi allows in a sensitive property. */
    static boolean isSoleReference(final String value) {
        return value != null && REFERENCE.matcher(value).matches();
    }

    /**
     * The value NiFi would see with the given parameter values: references replaced, and null when the value is
     * nothing but references to parameters without a value (NiFi then treats the property as not set).
     */
    static String resolve(final String value, final Map<String, String> parameterValues) {
        if (value == null) {
            return null;
        }
        final Matcher matcher = REFERENCE.matcher(value);
        final StringBuilder resolved = new StringBuilder();
        boolean anyValue = false;
        int references = 0;
        while (matcher.find()) {
            references++;
            final String parameterValue = parameterValues.get(matcher.group(1));
            anyValue |= parameterValue != null;
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(parameterValue == null ? "" : parameterValue));
        }
        matcher.appendTail(resolved);
        if (references > 0 && !anyValue && resolved.isEmpty()) {
            return null;
        }
        return resolved.toString();
    }
}
