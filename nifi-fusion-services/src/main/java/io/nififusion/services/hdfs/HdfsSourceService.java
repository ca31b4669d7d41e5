package io.nififusion.services.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.client.HdfsAdmin;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.nifi.controller.ControllerService;

import java.io.IOException;
import java.net.URI;

/**
 * The source Hadoop cluster in one place: configuration resources, Kerberos identity and the clients that run as it.
 * Callers run every remote call through {@link #execute(HdfsAction)}, which renews the Kerberos ticket when needed
 * and runs the action as the configured user.
 */
public interface HdfsSourceService extends ControllerService {

    /** An action against the source cluster, run as the configured user. */
    @FunctionalInterface
    interface HdfsAction<T> {
        T run(FileSystem fileSystem) throws IOException;
    }

    /**
     * Runs the action as the configured user with the service's shared {@link FileSystem}, renewing the Kerberos
     * ticket first when it is close to expiry.
     */
    <T> T execute(HdfsAction<T> action) throws IOException;

    /** The shared file system of {@code fs.defaultFS}; calls on it must run inside {@link #execute(HdfsAction)} on a Kerberized cluster. */
    FileSystem getFileSystem();

    /** Admin client for inotify and snapshots, created as the configured user. */
    HdfsAdmin getHdfsAdmin() throws IOException;

    /** The loaded configuration; {@code dfs.checksum.combine.mode} defaults to {@code COMPOSITE_CRC}. */
    Configuration getConfiguration();

    /** The {@code fs.defaultFS} URI, such as {@code hdfs://namenode:8020}. */
    URI getFileSystemUri();

    /** The user remote calls run as. */
    UserGroupInformation getUserGroupInformation() throws IOException;
}
