package io.nififusion.testkit.hdfs;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link MiniDfsExtension} cluster without Kerberos in a JVM of its own, for {@link MiniDfsProcessExtension}:
 * Hadoop keeps its security switch per JVM, so a cluster without Kerberos cannot run inside a test JVM that hosts a
 * Kerberized one. Arguments: the directory for the client configuration, then {@code path:owner:octal} directories to
 * create; a {@code --set=name=value} argument is a Hadoop setting for the cluster and its client configuration. Prints
 * {@value #READY} with the cluster URI, the configuration file and the NameNode's web address (its {@code /jmx} has the
 * RPC counters) once up; stops when its standard input closes (the test JVM ended or let it go).
 */
public final class MiniDfsProcessMain {
    static final String READY = "mini-dfs-ready";
    private static final String SETTING = "--set=";

    private MiniDfsProcessMain() {
    }

    public static void main(final String[] args) throws IOException {
        final MiniDfsExtension.Builder builder = MiniDfsExtension.builder();
        final List<String> directories = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith(SETTING)) {
                final String setting = args[i].substring(SETTING.length());
                final int equals = setting.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("Expected --set=name=value, got " + args[i]);
                }
                builder.set(setting.substring(0, equals), setting.substring(equals + 1));
            } else {
                directories.add(args[i]);
            }
        }
        final MiniDfsExtension hdfs = builder.build();
        hdfs.start();
        try {
            for (final String argument : directories) {
                final String[] directory = argument.split(":");
                final Path path = new Path(directory[0]);
                hdfs.getFileSystem().mkdirs(path);
                hdfs.getFileSystem().setOwner(path, directory[1], directory[1]);
                hdfs.getFileSystem().setPermission(path, new FsPermission(Short.parseShort(directory[2], 8)));
            }
            final java.nio.file.Path configuration = hdfs.writeClientConfiguration(Paths.get(args[0]));
            final InetSocketAddress web = hdfs.getCluster().getNameNode().getHttpAddress();
            System.out.println(READY + " " + hdfs.getUri() + " " + configuration + " http://" + web.getHostString() + ":" + web.getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes the pipe
            }
        } finally {
            hdfs.stop();
        }
    }
}
