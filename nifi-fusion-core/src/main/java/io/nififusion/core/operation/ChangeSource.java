package io.nififusion.core.operation;

import java.util.Locale;

/** Where a replication record came from, carried as the {@code fusion.source} attribute. */
public enum ChangeSource {
    SCAN("scan"),
    INOTIFY("inotify"),
    SNAPSHOT_DIFF("snapshot-diff");

    private final String attributeValue;

    ChangeSource(final String attributeValue) {
        this.attributeValue = attributeValue;
    }

    public String getAttributeValue() {
        return attributeValue;
    }

    public static ChangeSource fromAttributeValue(final String value) {
        for (final ChangeSource source : values()) {
            if (source.attributeValue.equals(value)) {
                return source;
            }
        }
        throw new IllegalArgumentException("Unknown change source [" + value + "]: expected scan, inotify or snapshot-diff");
    }

    @Override
    public String toString() {
        return attributeValue.toLowerCase(Locale.ROOT);
    }
}
