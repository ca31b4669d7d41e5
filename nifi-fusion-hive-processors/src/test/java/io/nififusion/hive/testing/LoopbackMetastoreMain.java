package io.nififusion.hive.testing;

import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;

/**
 * Runs one of the two metastores of a manual check of the Hive flow in a real NiFi (docs/real-nifi-check.md), set up
 * as {@code HiveMetastoreMigrationIT} sets up its own, in a JVM of its own, until its standard input closes:
 * <ul>
 *   <li>{@code source DIR HDFS_URI WAREHOUSE}: the source cluster's metastore, its warehouse on the HDFS (managed tables
 *   under {@code WAREHOUSE/managed}, external under {@code WAREHOUSE/external}), notification log on;</li>
 *   <li>{@code target DIR STORAGE_URI WAREHOUSE}: HDInsight's, its warehouse under the {@code abfs://} storage URI,
 *   whose directory calls a local folder serves ({@link LocalFolderFileSystem}; the data lives in the emulator).</li>
 * </ul>
 * Prints {@link MetastoreProcessMain#READY} and the Thrift URI once serving.
 */
public final class LoopbackMetastoreMain {

    private LoopbackMetastoreMain() {
    }

    public static void main(final String[] arguments) throws Exception {
        if (arguments.length != 4 || !("source".equals(arguments[0]) || "target".equals(arguments[0]))) {
            throw new IllegalArgumentException("Usage: source DIR HDFS_URI WAREHOUSE | target DIR STORAGE_URI WAREHOUSE, such as "
                    + "source run/source-metastore hdfs://127.0.0.1:8020 /data/warehouse");
        }
        final Path directory = Path.of(arguments[1]).toAbsolutePath();
        final String fileSystem = arguments[2];
        final String warehouse = fileSystem + arguments[3];
        final Configuration settings;
        if ("source".equals(arguments[0])) {
            settings = EmbeddedMetastore.settings(directory, warehouse, true);
            settings.set("fs.defaultFS", fileSystem);
            settings.set("dfs.replication", "1");
            settings.set("dfs.client.block.write.replace-datanode-on-failure.enable", "false");
        } else {
            settings = EmbeddedMetastore.settings(directory, warehouse, false);
            settings.set("fs.abfs.impl", LocalFolderFileSystem.class.getName());
            settings.set("fs.abfs.impl.disable.cache", "true");
            settings.set(LocalFolderFileSystem.ROOT_KEY, directory.resolve("abfs").toString());
        }
        final EmbeddedMetastore metastore = EmbeddedMetastore.start(directory, settings);
        System.out.println(MetastoreProcessMain.READY + metastore.getUri());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the standard input closes
        }
        System.exit(0);
    }
}
