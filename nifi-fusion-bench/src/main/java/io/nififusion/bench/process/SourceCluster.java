package io.nififusion.bench.process;

import io.nififusion.testkit.hdfs.MiniDfsProcessMain;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The source: a standalone MiniDFSCluster (one NameNode, one DataNode) in a JVM of its own, started through the
 * testkit's {@link MiniDfsProcessMain}. The harness reaches it like any client, through the configuration file it
 * writes, and reads the NameNode's RPC counters from its web {@code /jmx}.
 */
public final class SourceCluster implements AutoCloseable {
    /** The HDFS client's first wait before asking the NameNode again whether a closed file is complete. */
    static final String COMPLETE_RETRY_DELAY_KEY = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";

    private final ChildProcess process;
    private final URI uri;
    private final Path configurationFile;
    private final NameNodeRpcCounter rpcCounter;
    private final FileSystem fileSystem;

    private SourceCluster(final ChildProcess process, final URI uri, final Path configurationFile, final URI web) throws IOException {
        this.process = process;
        this.uri = uri;
        this.configurationFile = configurationFile;
        this.rpcCounter = new NameNodeRpcCounter(web, uri.getPort());
        final Configuration configuration = new Configuration();
        configuration.addResource(new org.apache.hadoop.fs.Path(configurationFile.toUri()));
        // The harness's closes must not wait: a client whose first complete() comes before the DataNode reported the
        // block sleeps 400 ms by default before asking again, which capped the steady writer at 20 closes/s with 8
        // writers and made writing 2,000 small files take minutes. Contestants keep the default, as an operator would.
        configuration.setLong(COMPLETE_RETRY_DELAY_KEY, 10);
        this.fileSystem = FileSystem.newInstance(uri, configuration);
    }

    /** @param settings Hadoop settings for the NameNode, DataNode and the client configuration file */
    public static SourceCluster start(final Path workDirectory, final Map<String, String> settings) throws IOException {
        final List<String> arguments = new ArrayList<>();
        arguments.add(workDirectory.resolve("source-conf").toString());
        settings.forEach((name, value) -> arguments.add("--set=" + name + "=" + value));
        final ChildProcess process = ChildProcess.start("source-hdfs", "2g", MiniDfsProcessMain.class, arguments, workDirectory);
        final String[] ready = process.awaitLine(Duration.ofMinutes(3), "mini-dfs-ready").split(" ");
        return new SourceCluster(process, URI.create(ready[1]), Path.of(ready[2]), URI.create(ready[3]));
    }

    public URI uri() {
        return uri;
    }

    /** The client configuration file, as an operator hands it to the HDFS Source Service. */
    public Path configurationFile() {
        return configurationFile;
    }

    /** The harness's own client (it writes the workloads); never a contestant's. */
    public FileSystem fileSystem() {
        return fileSystem;
    }

    public NameNodeRpcCounter rpcCounter() {
        return rpcCounter;
    }

    public double cpuSeconds() {
        return process.cpuSeconds();
    }

    @Override
    public void close() {
        try {
            fileSystem.close();
        } catch (final IOException e) {
            // the cluster stops anyway
        }
        process.close();
    }
}
