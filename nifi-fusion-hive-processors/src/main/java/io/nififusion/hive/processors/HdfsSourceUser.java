package io.nififusion.hive.processors;

import io.nififusion.hive.metastore.MetastoreUser;
import io.nififusion.services.hdfs.HdfsSourceService;
import org.apache.hadoop.security.UserGroupInformation;

import java.io.IOException;

/**
 * The source metastore's identity: the HDFS Source Service's user, the one every source HDFS call runs as. The service
 * renews its Kerberos login each time it is asked for the user.
 */
final class HdfsSourceUser implements MetastoreUser {
    private final HdfsSourceService sourceService;

    HdfsSourceUser(final HdfsSourceService sourceService) {
        this.sourceService = sourceService;
    }

    @Override
    public UserGroupInformation login() throws IOException {
        return sourceService.getUserGroupInformation();
    }

    @Override
    public String describe() {
        try {
            return sourceService.getUserGroupInformation().getUserName() + " (the HDFS Source Service's user)";
        } catch (final IOException | RuntimeException e) {
            return "the HDFS Source Service's user";
        }
    }
}
