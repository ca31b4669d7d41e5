package io.nififusion.processors.torture;

import java.util.List;
import java.util.Map;

/**
 * A record's attributes as one line of the record log. It only prints them: the harness never decides anything from a
 * record's operation, so records of types it does not know (such as a future RECONCILE) pass through unchanged.
 */
final class RecordText {
    private static final List<String> SHOWN = List.of("fusion.sequence", "fusion.op", "hdfs.src.path", "hdfs.path", "fusion.source", "hdfs.length",
            "hdfs.fileid");

    private RecordText() {
    }

    static String of(final Map<String, String> attributes) {
        final StringBuilder text = new StringBuilder("[");
        for (final String name : SHOWN) {
            final String value = attributes.get(name);
            if (value != null) {
                if (text.length() > 1) {
                    text.append(' ');
                }
                text.append(name.substring(name.indexOf('.') + 1)).append('=').append(value);
            }
        }
        return text.append(']').toString();
    }

    /** The named attributes that are present, as name=value pairs. */
    static String attributes(final Map<String, String> attributes, final String... names) {
        final StringBuilder text = new StringBuilder();
        for (final String name : names) {
            final String value = attributes.get(name);
            if (value != null) {
                text.append(' ').append(name).append('=').append(SourceOperations.firstLine(value));
            }
        }
        return text.toString();
    }
}
