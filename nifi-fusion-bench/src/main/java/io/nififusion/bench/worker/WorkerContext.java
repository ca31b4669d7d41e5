package io.nififusion.bench.worker;

import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.DataLakeServiceClientBuilder;
import io.nififusion.core.hdfs.SourceClusterConfiguration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem;
import org.apache.hadoop.security.ssl.DelegatingSSLSocketFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a contestant's JVM finds the source and the sink: the source's client configuration file, the sink's endpoint
 * and account, a work directory, and the target directory the source root maps to. Clients
 * are made on first use and kept for the JVM's life, as a long-running copier keeps them.
 */
public final class WorkerContext implements AutoCloseable {
    public static final String SOURCE_ROOT = "/bench";
    public static final String FILESYSTEM = "bench";

    private final String name;
    private final Path sourceConfiguration;
    private final String endpoint;
    private final String accountName;
    private final String accountKey;
    private final Path workDirectory;
    private final String targetRoot;
    private FileSystem source;
    private DataLakeFileSystemClient target;
    private AzureBlobFileSystem abfs;

    public WorkerContext(final String name, final Path sourceConfiguration, final String endpoint, final String accountName, final String accountKey,
                         final Path workDirectory, final String targetRoot) {
        this.name = name;
        this.sourceConfiguration = sourceConfiguration;
        this.endpoint = endpoint;
        this.accountName = accountName;
        this.accountKey = accountKey;
        this.workDirectory = workDirectory;
        this.targetRoot = targetRoot;
    }

    public String name() {
        return name;
    }

    /** The target directory the source root maps to for this contestant's NiFi services. */
    public String targetRoot() {
        return targetRoot;
    }

    public Path sourceConfiguration() {
        return sourceConfiguration;
    }

    public String endpoint() {
        return endpoint;
    }

    public String accountName() {
        return accountName;
    }

    public String accountKey() {
        return accountKey;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    /**
     * The source's client configuration as the HDFS Source Service loads it, so the raw references read and write with
     * the client settings the product's own contestants have.
     */
    public Configuration hadoopConfiguration() {
        return SourceClusterConfiguration.load(List.of(sourceConfiguration.toString())).toConfiguration();
    }

    public synchronized FileSystem source() throws IOException {
        if (source == null) {
            final Configuration configuration = hadoopConfiguration();
            source = FileSystem.newInstance(URI.create(configuration.get("fs.defaultFS")), configuration);
        }
        return source;
    }

    public synchronized DataLakeFileSystemClient target() {
        if (target == null) {
            target = new DataLakeServiceClientBuilder().endpoint(endpoint).credential(new StorageSharedKeyCredential(accountName, accountKey))
                    .buildClient().getFileSystemClient(FILESYSTEM);
        }
        return target;
    }

    /** The account's host in {@code abfs://} URIs; with an IP:port endpoint ABFS sends the account name in the path. */
    public String abfsHost() {
        return accountName + ".dfs.core.windows.net";
    }

    public URI abfsUri() {
        return URI.create("abfs://" + FILESYSTEM + "@" + abfsHost() + "/");
    }

    /** Settings that point Hadoop's ABFS driver at the sink (IP:port endpoint, plain HTTP, Shared Key), added to {@code configuration}. */
    public Configuration withAbfs(final Configuration configuration) throws IOException {
        // ABFS's default (Apache) HTTP client needs the TLS socket factory set up even for an http endpoint
        DelegatingSSLSocketFactory.initializeDefaultFactory(DelegatingSSLSocketFactory.SSLChannelMode.Default_JSSE);
        final URI uri = URI.create(endpoint);
        configuration.set("fs.azure.abfs.endpoint", uri.getHost() + ":" + uri.getPort());
        configuration.setBoolean("fs.azure.always.use.https", false);
        configuration.set("fs.azure.account.auth.type", "SharedKey");
        configuration.set("fs.azure.account.key." + abfsHost(), accountKey);
        return configuration;
    }

    public synchronized AzureBlobFileSystem abfs(final int appendsInFlight) throws IOException {
        if (abfs == null) {
            final Configuration configuration = withAbfs(new Configuration());
            configuration.setInt("fs.azure.write.max.concurrent.requests", appendsInFlight);
            abfs = (AzureBlobFileSystem) FileSystem.newInstance(abfsUri(), configuration);
        }
        return abfs;
    }

    @Override
    public synchronized void close() throws IOException {
        if (abfs != null) {
            abfs.close();
        }
        if (source != null) {
            source.close();
        }
    }
}
