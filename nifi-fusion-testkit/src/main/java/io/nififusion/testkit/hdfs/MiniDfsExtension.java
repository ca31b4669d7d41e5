package io.nififusion.testkit.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.client.HdfsAdmin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A real HDFS for a test class: one {@link MiniDFSCluster} started before all tests and stopped after them. Use as
 * {@code @RegisterExtension static final MiniDfsExtension HDFS = MiniDfsExtension.builder().build();}.
 * <p>
 * The cluster computes block-size-independent checksums ({@code dfs.checksum.combine.mode=COMPOSITE_CRC}), lets
 * one DataNode take appends, and the test process is its superuser, so inotify works.
 */
public final class MiniDfsExtension implements BeforeAllCallback, AfterAllCallback {
    /** Small enough that test files span several blocks; HDFS requires a multiple of the 512-byte checksum chunk. */
    public static final long SMALL_BLOCK_SIZE = 1024 * 1024;

    private final long blockSize;
    private final int dataNodes;
    private final Map<String, String> settings;
    private java.nio.file.Path baseDirectory;
    private MiniDFSCluster cluster;
    private DistributedFileSystem fileSystem;

    private MiniDfsExtension(final Builder builder) {
        this.blockSize = builder.blockSize;
        this.dataNodes = builder.dataNodes;
        this.settings = new TreeMap<>(builder.settings);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        stop();
    }

    /** Starts the cluster; {@link #beforeAll} calls it, benchmarks and standalone programs call it directly. */
    public void start() throws IOException {
        baseDirectory = Files.createTempDirectory("nifi-fusion-minidfs");
        final Configuration configuration = new Configuration();
        configuration.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDirectory.toString());
        configuration.set("dfs.checksum.combine.mode", "COMPOSITE_CRC");
        configuration.setLong("dfs.blocksize", blockSize);
        configuration.setLong("dfs.namenode.fs-limits.min-block-size", 512);
        configuration.setInt("dfs.replication", Math.min(3, dataNodes));
        configuration.setBoolean("dfs.client.block.write.replace-datanode-on-failure.enable", false);
        configuration.setBoolean("dfs.permissions.enabled", true);
        configuration.setBoolean("dfs.namenode.acls.enabled", true);
        for (final Map.Entry<String, String> setting : settings.entrySet()) {
            configuration.set(setting.getKey(), setting.getValue());
        }
        cluster = new MiniDFSCluster.Builder(configuration).numDataNodes(dataNodes).format(true).build();
        cluster.waitActive();
        fileSystem = cluster.getFileSystem();
    }

    /** Stops the cluster and removes its storage. */
    public void stop() {
        if (cluster != null) {
            cluster.shutdown(true);
            cluster = null;
        }
        if (baseDirectory != null) {
            deleteRecursively(baseDirectory.toFile());
        }
    }

    public MiniDFSCluster getCluster() {
        return cluster;
    }

    /** The superuser's file system: the user running the tests formatted the cluster. */
    public DistributedFileSystem getFileSystem() {
        return fileSystem;
    }

    /** A copy of the cluster configuration, with {@code fs.defaultFS} pointing at the NameNode. */
    public Configuration getConfiguration() {
        return new Configuration(cluster.getConfiguration(0));
    }

    public URI getUri() {
        return fileSystem.getUri();
    }

    public long getBlockSize() {
        return blockSize;
    }

    public HdfsAdmin getAdmin() throws IOException {
        return new HdfsAdmin(getUri(), getConfiguration());
    }

    /** The current edit log transaction id, where an inotify stream opened now would start. */
    public long getCurrentTransactionId() throws IOException {
        return fileSystem.getClient().getNamenode().getCurrentEditLogTxid();
    }

    /**
     * Writes the client side of the cluster configuration to an XML file, as an operator would hand
     * {@code core-site.xml}/{@code hdfs-site.xml} to the HDFS source service.
     */
    public java.nio.file.Path writeClientConfiguration(final java.nio.file.Path directory) throws IOException {
        Files.createDirectories(directory);
        final Configuration client = new Configuration(false);
        client.set("fs.defaultFS", getUri().toString());
        client.set("dfs.checksum.combine.mode", "COMPOSITE_CRC");
        client.set("dfs.client.block.write.replace-datanode-on-failure.enable", "false");
        for (final Map.Entry<String, String> setting : settings.entrySet()) {
            client.set(setting.getKey(), setting.getValue());
        }
        final java.nio.file.Path file = directory.resolve("hdfs-site.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            client.writeXml(out);
        }
        return file;
    }

    /** Creates or overwrites a file with the given bytes (parents created). */
    public void write(final String path, final byte[] content) throws IOException {
        try (FSDataOutputStream out = fileSystem.create(new Path(path), true)) {
            out.write(content);
        }
    }

    /** Creates or overwrites a file with {@code length} pseudo-random bytes from {@code seed}; returns the bytes. */
    public byte[] writeRandom(final String path, final int length, final long seed) throws IOException {
        final byte[] content = new byte[length];
        new Random(seed).nextBytes(content);
        write(path, content);
        return content;
    }

    public void append(final String path, final byte[] content) throws IOException {
        try (FSDataOutputStream out = fileSystem.append(new Path(path))) {
            out.write(content);
        }
    }

    public void mkdirs(final String path) throws IOException {
        fileSystem.mkdirs(new Path(path));
    }

    public void rename(final String source, final String destination) throws IOException {
        if (!fileSystem.rename(new Path(source), new Path(destination))) {
            throw new IOException("Rename of " + source + " to " + destination + " refused");
        }
    }

    public void delete(final String path) throws IOException {
        fileSystem.delete(new Path(path), true);
    }

    public void chmod(final String path, final short permission) throws IOException {
        fileSystem.setPermission(new Path(path), new FsPermission(permission));
    }

    public byte[] read(final String path) throws IOException {
        try (InputStream in = fileSystem.open(new Path(path))) {
            return in.readAllBytes();
        }
    }

    /** The names of the snapshots of a snapshottable directory. */
    public List<String> snapshotNames(final String directory) throws IOException {
        final List<String> names = new ArrayList<>();
        for (final FileStatus snapshot : fileSystem.listStatus(new Path(directory, ".snapshot"))) {
            names.add(snapshot.getPath().getName());
        }
        return names;
    }

    private static void deleteRecursively(final File file) {
        final File[] children = file.listFiles();
        if (children != null) {
            for (final File child : children) {
                deleteRecursively(child);
            }
        }
        if (!file.delete() && file.exists()) {
            throw new UncheckedIOException(new IOException("Could not delete " + file));
        }
    }

    /** Options of the cluster. */
    public static final class Builder {
        private long blockSize = 128L * 1024 * 1024;
        private int dataNodes = 1;
        private final Map<String, String> settings = new TreeMap<>();

        private Builder() {
        }

        /** Block size of new files; {@link #SMALL_BLOCK_SIZE} makes multi-block files cheap. */
        public Builder blockSize(final long size) {
            this.blockSize = size;
            return this;
        }

        public Builder dataNodes(final int count) {
            this.dataNodes = count;
            return this;
        }

        /** Any other Hadoop setting, for the cluster and for the client configuration file. */
        public Builder set(final String name, final String value) {
            settings.put(name, value);
            return this;
        }

        public MiniDfsExtension build() {
            return new MiniDfsExtension(this);
        }
    }
}
