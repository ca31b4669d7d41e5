package io.nififusion.hive.testing;

import org.apache.hadoop.conf.Configuration;

import java.nio.file.Path;

/**
 * Runs a test metastore in its own JVM (two metastores cannot share one: their persistence factory is static).
 * Arguments: the folder, then name=value settings. Prints {@link #READY} and the Thrift URI once serving, then runs
 * until its standard input closes (the parent ended).
 */
public final class MetastoreProcessMain {
    public static final String READY = "METASTORE-READY ";

    private MetastoreProcessMain() {
    }

    public static void main(final String[] arguments) throws Exception {
        final Configuration settings = new Configuration(false);
        for (int index = 1; index < arguments.length; index++) {
            final int equals = arguments[index].indexOf('=');
            settings.set(arguments[index].substring(0, equals), arguments[index].substring(equals + 1));
        }
        final EmbeddedMetastore metastore = EmbeddedMetastore.start(Path.of(arguments[0]), settings);
        System.out.println(READY + metastore.getUri());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes the pipe
        }
        System.exit(0);
    }
}
