package io.nififusion.core.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Hadoop client configuration of the source cluster, loaded from the operator's resource files
 * ({@code core-site.xml}, {@code hdfs-site.xml}) with the settings replication depends on applied on top.
 */
public final class SourceClusterConfiguration {
    public static final String DEFAULT_FS = "fs.defaultFS";
    public static final String SECURITY_AUTHENTICATION = "hadoop.security.authentication";
    public static final String CHECKSUM_COMBINE_MODE = "dfs.checksum.combine.mode";
    public static final String COMPOSITE_CRC = "COMPOSITE_CRC";
    /** How long a writer first waits before asking again whether a closed file is complete (or a next block ready). */
    public static final String COMPLETE_RETRY_INITIAL_DELAY = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";
    /** How often it asks, the wait doubling each time. */
    public static final String COMPLETE_RETRY_COUNT = "dfs.client.block.write.locateFollowingBlock.retries";
    /**
     * Ours when the operator's files set neither: the same patience as Hadoop's 400 ms × 5 (12.4 s in all before a close
     * fails), asked sooner, 50 ms × 8 (12.75 s). A file closed before its DataNode reported the last block otherwise waits
     * 400 ms, which makes a restore of small files wait on HDFS far longer than it writes.
     */
    static final long OUR_COMPLETE_RETRY_INITIAL_DELAY_MS = 50;
    static final int OUR_COMPLETE_RETRY_COUNT = 8;

    private final Configuration configuration;
    private final List<String> resources;

    private SourceClusterConfiguration(final Configuration configuration, final List<String> resources) {
        this.configuration = configuration;
        this.resources = resources;
    }

    /**
     * Loads the files in order (later ones override earlier ones). Block-size-independent checksums
     * ({@code COMPOSITE_CRC}) are always asked for, because the target stores a CRC32C of the whole file. The file
     * system cache is bypassed so that closing this service's clients never closes someone else's. Unless the files
     * set them, a writer's close asks sooner whether its file is complete (see {@link #OUR_COMPLETE_RETRY_COUNT}).
     *
     * @throws IllegalArgumentException naming a resource that does not exist
     */
    public static SourceClusterConfiguration load(final List<String> resourceFiles) {
        final Configuration configuration = new Configuration();
        final Configuration operatorsOwn = new Configuration(false);
        final List<String> loaded = new ArrayList<>();
        for (final String resource : resourceFiles) {
            final String trimmed = resource.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            final File file = new File(trimmed);
            if (!file.isFile()) {
                throw new IllegalArgumentException("Hadoop configuration resource [" + trimmed + "] is not a readable file");
            }
            configuration.addResource(new Path(file.getAbsoluteFile().toURI()));
            operatorsOwn.addResource(new Path(file.getAbsoluteFile().toURI()));
            loaded.add(file.getAbsolutePath());
        }
        configuration.set(CHECKSUM_COMBINE_MODE, COMPOSITE_CRC);
        if (operatorsOwn.get(COMPLETE_RETRY_INITIAL_DELAY) == null && operatorsOwn.get(COMPLETE_RETRY_COUNT) == null) {
            configuration.setLong(COMPLETE_RETRY_INITIAL_DELAY, OUR_COMPLETE_RETRY_INITIAL_DELAY_MS);
            configuration.setInt(COMPLETE_RETRY_COUNT, OUR_COMPLETE_RETRY_COUNT);
        }
        configuration.setBoolean("fs.hdfs.impl.disable.cache", true);
        configuration.setBoolean("fs.viewfs.impl.disable.cache", true);
        // Force parsing now so that a malformed file is reported while validating, not on first use
        configuration.size();
        return new SourceClusterConfiguration(configuration, List.copyOf(loaded));
    }

    /** A copy of the loaded configuration, safe to change. */
    public Configuration toConfiguration() {
        return new Configuration(configuration);
    }

    public List<String> getResources() {
        return resources;
    }

    /** The {@code fs.defaultFS} URI. */
    public URI getFileSystemUri() {
        return URI.create(configuration.get(DEFAULT_FS, "file:///"));
    }

    public boolean isKerberosRequired() {
        return "kerberos".equals(configuration.get(SECURITY_AUTHENTICATION, "simple").trim().toLowerCase(Locale.ROOT));
    }

    /** What is wrong with this configuration for replication, each an explanation with the fix; empty when usable. */
    public List<String> findProblems() {
        final List<String> problems = new ArrayList<>();
        final String defaultFs = configuration.get(DEFAULT_FS);
        if (defaultFs == null || defaultFs.isBlank() || defaultFs.startsWith("file:")) {
            problems.add(DEFAULT_FS + " is not set to the source cluster: add core-site.xml of the source cluster to the resources "
                    + "(expected hdfs://<namenode or nameservice> or viewfs://<mount table>)");
            return problems;
        }
        final String scheme;
        try {
            scheme = URI.create(defaultFs.trim()).getScheme();
        } catch (final IllegalArgumentException e) {
            problems.add(DEFAULT_FS + " [" + defaultFs + "] is not a valid URI");
            return problems;
        }
        if (!"hdfs".equalsIgnoreCase(scheme) && !"viewfs".equalsIgnoreCase(scheme)) {
            problems.add(DEFAULT_FS + " [" + defaultFs + "] uses scheme [" + scheme + "]: the source must be hdfs:// or viewfs://");
        }
        return problems;
    }
}
