package io.nififusion.hive.metastore;

import java.util.List;

/**
 * What an audit of the chosen databases found: how many objects of each kind agree, and the differences (the first
 * {@code maxReported} of them; the counts cover all).
 *
 * @param databases databases compared
 * @param tables tables compared
 * @param partitions partitions compared
 * @param verified objects present on both sides with equal definitions
 * @param missing objects the target lacks
 * @param extra objects only the target has
 * @param mismatched objects whose definitions differ
 * @param differences the differences reported
 */
public record MetadataAuditSummary(int databases, int tables, int partitions, int verified, int missing, int extra, int mismatched,
                                   List<MetadataDifference> differences) {

    public boolean agrees() {
        return missing == 0 && extra == 0 && mismatched == 0;
    }

    public int differenceCount() {
        return missing + extra + mismatched;
    }
}
