package io.nififusion.hive.metastore;

/** Whether the data under a partition's location has reached the target, so the partition may appear there. */
@FunctionalInterface
public interface PartitionDataCheck {

    /**
     * @param sourcePath the partition directory at the source (absolute HDFS path)
     * @param targetPath the same directory at the target (relative to the ADLS filesystem)
     * @return null when the target holds the source's files, else what is still missing or different
     */
    String pendingReason(String sourcePath, String targetPath) throws MetastoreReplicationException;
}
