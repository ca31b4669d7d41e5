package io.nififusion.processors.restore;

/**
 * The attributes of a restore record, which ListADLSForRestore writes and RestoreToHDFS reads, besides {@code hdfs.path}
 * (the source path the copy backs up), {@code hdfs.directory} and the result and error attributes of
 * {@code OperationAttributes}.
 */
public final class RestoreAttributes {
    /** The target copy to read, relative to the filesystem: in the live tree or in a trash batch. */
    public static final String TARGET_PATH = "fusion.restore.target.path";
    /** The entity tag of the version listed. */
    public static final String ETAG = "fusion.restore.etag";
    /** Bytes of the file. */
    public static final String LENGTH = "fusion.restore.length";
    /** The CRC32C the target recorded when it copied the file, eight hex digits (absent for a file replication did not write). */
    public static final String RECORDED_CRC32C = "fusion.restore.recorded.crc32c";
    /** The source modification time the target recorded, epoch milliseconds. */
    public static final String SOURCE_MODIFICATION_TIME = "fusion.restore.source.mtime";
    /** The source inode id the target recorded. */
    public static final String SOURCE_FILE_ID = "fusion.restore.source.fileid";
    /** When the source deleted or replaced this version, ISO-8601 (trash entries only). */
    public static final String DELETED_AT = "fusion.restore.deleted.at";
    /** The moment an as-of listing chose this version for, ISO-8601 (as-of listings only). */
    public static final String AS_OF = "fusion.restore.as.of";
    /** The HDFS path the entry was restored to. */
    public static final String DESTINATION = "fusion.restore.destination";
    /** CRC32C of the restored file, eight hex digits. */
    public static final String RESTORED_CRC32C = "fusion.restore.crc32c";
    /** Bytes of finished parts a stopped attempt left, kept instead of read again. */
    public static final String BYTES_RESUMED = "fusion.restore.bytes.resumed";

    private RestoreAttributes() {
    }
}
