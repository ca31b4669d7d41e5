package io.nififusion.services.target;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import io.nififusion.core.path.TargetPathMapper;
import org.apache.nifi.controller.ControllerService;

import java.io.IOException;

/**
 * The migration target in one place: the Fusion license, the HDInsight cluster endpoint, the ADLS Gen2 account and
 * filesystem with its credentials, and the mapping of source paths to target paths.
 */
public interface FusionTargetService extends ControllerService {

    /** Client of the target filesystem, built once when the service is enabled and shared by all tasks. */
    DataLakeFileSystemClient getFileSystemClient();

    /** Maps a source path to its target path; rejects anything that would escape the target root. */
    TargetPathMapper getPathMapper();

    /** Storage account name. */
    String getAccountName();

    /** Filesystem (container) name. */
    String getFileSystemName();

    /**
     * The URI of a target path at the endpoint requests really go to, for provenance:
     * {@code abfss://<filesystem>@<account>.dfs.<suffix>/<path>} in an Azure cloud, {@code <custom endpoint>/<filesystem>/<path>}
     * at a custom endpoint (a private endpoint, or an emulator).
     */
    String getTransitUri(String targetPath);

    /**
     * Why the target must not be written now, or null when it may: the license is checked when the service is enabled,
     * and one that expires while it stays enabled stops replication here, without failing the records.
     */
    String getLicenseProblem();

    /** Display name of the credential mode (such as "Account Key"), named in authorization errors; never the secret. */
    String getAuthenticationMode();

    /**
     * The Thrift URIs of the HDInsight cluster's Hive Metastore ({@code hive.metastore.uris} of its hive-site, such as
     * {@code thrift://hn0-x.internal.cloudapp.net:9083,thrift://hn1-x.internal.cloudapp.net:9083}), read from Ambari now.
     *
     * @throws IllegalStateException when the service names no HDInsight cluster
     * @throws IOException when Ambari cannot be read or has no such setting; the message never holds the password
     */
    String discoverHiveMetastoreUris() throws IOException;
}
