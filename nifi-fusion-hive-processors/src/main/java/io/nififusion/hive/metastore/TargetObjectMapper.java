package io.nififusion.hive.metastore;

import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.Partition;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;

/**
 * The form a source database, table or partition takes at the target: the same definition with its locations rewritten
 * by the data's path mapping, and without what belongs to the source metastore alone (its object ids, write ids,
 * statistics-compliance flags, privileges and the capabilities it computed for its own client).
 */
public final class TargetObjectMapper {
    private final LocationMapper locations;

    public TargetObjectMapper(final LocationMapper locations) {
        this.locations = locations;
    }

    public LocationMapper getLocations() {
        return locations;
    }

    public Database toTarget(final Database source) throws MetastoreReplicationException {
        final Database target = source.deepCopy();
        target.unsetPrivileges();
        target.unsetCreateTime();
        if (source.isSetLocationUri()) {
            target.setLocationUri(locations.toTargetLocation(source.getLocationUri()));
        }
        if (source.isSetManagedLocationUri() && source.getManagedLocationUri() != null) {
            target.setManagedLocationUri(locations.toTargetLocation(source.getManagedLocationUri()));
        }
        return target;
    }

    public Table toTarget(final Table source) throws MetastoreReplicationException {
        final Table target = source.deepCopy();
        target.unsetId();
        target.unsetWriteId();
        target.unsetTxnId();
        target.unsetIsStatsCompliant();
        target.unsetColStats();
        target.unsetPrivileges();
        target.unsetAccessType();
        target.unsetRequiredReadCapabilities();
        target.unsetRequiredWriteCapabilities();
        target.unsetFileMetadata();
        target.unsetDictionary();
        target.unsetCreationMetadata();
        mapLocation(target.getSd());
        return target;
    }

    public Partition toTarget(final Partition source) throws MetastoreReplicationException {
        final Partition target = source.deepCopy();
        target.unsetWriteId();
        target.unsetIsStatsCompliant();
        target.unsetColStats();
        target.unsetPrivileges();
        target.unsetFileMetadata();
        mapLocation(target.getSd());
        return target;
    }

    private void mapLocation(final StorageDescriptor storage) throws MetastoreReplicationException {
        if (storage != null && storage.isSetLocation() && storage.getLocation() != null && !storage.getLocation().isBlank()) {
            storage.setLocation(locations.toTargetLocation(storage.getLocation()));
        }
    }
}
