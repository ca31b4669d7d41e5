package io.nififusion.core.operation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One replication record: what {@code ListHDFSChanges} emits and {@code ReplicateToADLS} applies. Carried as
 * FlowFile attributes only; the bytes never travel through NiFi.
 *
 * @param type operation to apply
 * @param path absolute source path the operation is about (the destination for a rename)
 * @param sourcePath origin of a rename, otherwise null
 * @param directory whether the path is a directory (when known)
 * @param length file length in bytes, -1 when unknown
 * @param modificationTime source modification time in epoch milliseconds, -1 when unknown
 * @param fileId HDFS inode id, -1 when unknown
 * @param owner source owner, null when unknown
 * @param group source group, null when unknown
 * @param permission source permission in octal (e.g. {@code 755}), null when unknown
 * @param transactionId edit log transaction id of the change, -1 for scans
 * @param changeSource where the record came from
 * @param targetPath mapped target path, null until mapped
 */
public record ReplicationOperation(
        OperationType type,
        String path,
        String sourcePath,
        boolean directory,
        long length,
        long modificationTime,
        long fileId,
        String owner,
        String group,
        String permission,
        long transactionId,
        ChangeSource changeSource,
        String targetPath) {

    public static final long UNKNOWN = -1L;

    public ReplicationOperation {
        Objects.requireNonNull(type, "Operation type required");
        Objects.requireNonNull(path, "Path required");
        Objects.requireNonNull(changeSource, "Change source required");
        if (type == OperationType.RENAME && sourcePath == null) {
            throw new IllegalArgumentException("RENAME of [" + path + "] requires the source path attribute " + OperationAttributes.SOURCE_PATH);
        }
    }

    /** Attributes that carry this record on a FlowFile; unknown values are left out. */
    public Map<String, String> toAttributes() {
        final Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(OperationAttributes.OPERATION, type.name());
        attributes.put(OperationAttributes.PATH, path);
        putIfPresent(attributes, OperationAttributes.SOURCE_PATH, sourcePath);
        attributes.put(OperationAttributes.DIRECTORY, Boolean.toString(directory));
        putIfKnown(attributes, OperationAttributes.LENGTH, length);
        putIfKnown(attributes, OperationAttributes.MODIFICATION_TIME, modificationTime);
        putIfKnown(attributes, OperationAttributes.FILE_ID, fileId);
        putIfPresent(attributes, OperationAttributes.OWNER, owner);
        putIfPresent(attributes, OperationAttributes.GROUP, group);
        putIfPresent(attributes, OperationAttributes.PERMISSION, permission);
        putIfKnown(attributes, OperationAttributes.TRANSACTION_ID, transactionId);
        attributes.put(OperationAttributes.CHANGE_SOURCE, changeSource.getAttributeValue());
        putIfPresent(attributes, OperationAttributes.TARGET_PATH, targetPath);
        return attributes;
    }

    /**
     * Reads a record from FlowFile attributes, so users can feed the replicator from their own flows too.
     *
     * @throws IllegalArgumentException naming the attribute that is missing or malformed
     */
    public static ReplicationOperation fromAttributes(final Map<String, String> attributes) {
        final String typeValue = required(attributes, OperationAttributes.OPERATION);
        final OperationType type;
        try {
            type = OperationType.valueOf(typeValue.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("Attribute " + OperationAttributes.OPERATION + " [" + typeValue + "] is not one of COPY, MKDIR, DELETE, RENAME, METADATA, RECONCILE, PRUNE");
        }
        final String path = required(attributes, OperationAttributes.PATH);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Attribute " + OperationAttributes.PATH + " [" + path + "] must be an absolute path");
        }
        final String changeSourceValue = attributes.get(OperationAttributes.CHANGE_SOURCE);
        final ChangeSource changeSource = changeSourceValue == null ? ChangeSource.SCAN : ChangeSource.fromAttributeValue(changeSourceValue);
        return new ReplicationOperation(
                type,
                path,
                attributes.get(OperationAttributes.SOURCE_PATH),
                Boolean.parseBoolean(attributes.get(OperationAttributes.DIRECTORY)),
                optionalLong(attributes, OperationAttributes.LENGTH),
                optionalLong(attributes, OperationAttributes.MODIFICATION_TIME),
                optionalLong(attributes, OperationAttributes.FILE_ID),
                attributes.get(OperationAttributes.OWNER),
                attributes.get(OperationAttributes.GROUP),
                attributes.get(OperationAttributes.PERMISSION),
                optionalLong(attributes, OperationAttributes.TRANSACTION_ID),
                changeSource,
                attributes.get(OperationAttributes.TARGET_PATH));
    }

    public ReplicationOperation withTargetPath(final String mappedTargetPath) {
        return new ReplicationOperation(type, path, sourcePath, directory, length, modificationTime, fileId, owner, group, permission,
                transactionId, changeSource, mappedTargetPath);
    }

    /** This record for a path now known to be a directory (a rename does not say what it moved). */
    public ReplicationOperation asDirectory() {
        return new ReplicationOperation(type, path, sourcePath, true, length, modificationTime, fileId, owner, group, permission,
                transactionId, changeSource, targetPath);
    }

    private static String required(final Map<String, String> attributes, final String name) {
        final String value = attributes.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Attribute " + name + " is required");
        }
        return value;
    }

    private static long optionalLong(final Map<String, String> attributes, final String name) {
        final String value = attributes.get(name);
        if (value == null || value.isBlank()) {
            return UNKNOWN;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("Attribute " + name + " [" + value + "] is not a whole number");
        }
    }

    private static void putIfPresent(final Map<String, String> attributes, final String name, final String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }

    private static void putIfKnown(final Map<String, String> attributes, final String name, final long value) {
        if (value != UNKNOWN) {
            attributes.put(name, Long.toString(value));
        }
    }
}
