package io.nififusion.hive.metastore;

import org.apache.hadoop.hive.metastore.IMetaStoreClient;
import org.apache.thrift.TException;

/** One call against a metastore. */
@FunctionalInterface
public interface MetastoreCall<T> {
    T call(IMetaStoreClient client) throws TException, MetastoreReplicationException;
}
