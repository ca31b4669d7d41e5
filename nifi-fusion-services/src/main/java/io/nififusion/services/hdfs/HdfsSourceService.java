package io.nififusion.services.hdfs;

import io.nififusion.core.hdfs.SourceAccess;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.nifi.controller.ControllerService;

import java.io.IOException;
import java.net.URI;

/**
 * The source Hadoop cluster in one place: configuration resources, Kerberos identity and the one file system that
 * runs as it. Callers run every remote call through {@link #execute(SourceCall)}, which renews the Kerberos ticket
 * when needed and runs the call as the configured user; the file system handed to the call is the service's own, so
 * nothing a caller does creates another client (inotify streams and snapshots included).
 */
public interface HdfsSourceService extends ControllerService, SourceAccess {

    /**
     * Runs the call as the configured user with the service's shared {@link FileSystem}, renewing the Kerberos
     * ticket first when it is close to expiry.
     */
    @Override
    <T> T execute(SourceCall<T> call) throws IOException;

    /** The shared file system of {@code fs.defaultFS}; calls on it must run inside {@link #execute(SourceCall)} on a Kerberized cluster. */
    FileSystem getFileSystem();

    /** The loaded configuration; {@code dfs.checksum.combine.mode} defaults to {@code COMPOSITE_CRC}. */
    Configuration getConfiguration();

    /** The {@code fs.defaultFS} URI, such as {@code hdfs://namenode:8020}. */
    URI getFileSystemUri();

    /** The user remote calls run as. */
    UserGroupInformation getUserGroupInformation() throws IOException;
}
