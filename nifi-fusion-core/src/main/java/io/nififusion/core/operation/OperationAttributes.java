package io.nififusion.core.operation;

/**
 * The one home of the FlowFile attribute names of a replication record (DESIGN §2) and of the result and error
 * attributes the processors write.
 */
public final class OperationAttributes {
    public static final String OPERATION = "fusion.op";
    public static final String PATH = "hdfs.path";
    public static final String SOURCE_PATH = "hdfs.src.path";
    public static final String LENGTH = "hdfs.length";
    public static final String MODIFICATION_TIME = "hdfs.mtime";
    public static final String FILE_ID = "hdfs.fileid";
    public static final String OWNER = "hdfs.owner";
    public static final String GROUP = "hdfs.group";
    public static final String PERMISSION = "hdfs.permission";
    public static final String TRANSACTION_ID = "hdfs.txid";
    public static final String CHANGE_SOURCE = "fusion.source";
    public static final String TARGET_PATH = "fusion.target.path";
    public static final String SEQUENCE = "fusion.sequence";
    public static final String DIRECTORY = "hdfs.directory";

    public static final String RESULT = "fusion.result";
    public static final String ERROR_CODE = "fusion.error.code";
    public static final String ERROR_MESSAGE = "fusion.error.message";

    private OperationAttributes() {
    }
}
