package io.nififusion.testkit.hdfs;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Paths;

/**
 * Runs a {@link MiniDfsExtension} cluster without Kerberos in a JVM of its own, for {@link MiniDfsProcessExtension}:
 * Hadoop keeps its security switch per JVM, so a cluster without Kerberos cannot run inside a test JVM that hosts a
 * Kerberized one. Arguments: the directory for the client configuration, then {@code path:owner:octal} directories to
 * create. Prints {@value #READY} with the cluster URI and the configuration file once up; stops when its standard input
 * closes (the test JVM ended or let it go).
 */
public final class MiniDfsProcessMain {
    static final String READY = "mini-dfs-ready";

    private MiniDfsProcessMain() {
    }

    public static void main(final String[] args) throws IOException {
        final MiniDfsExtension hdfs = MiniDfsExtension.builder().build();
        hdfs.start();
        try {
            for (int i = 1; i < args.length; i++) {
                final String[] directory = args[i].split(":");
                final Path path = new Path(directory[0]);
                hdfs.getFileSystem().mkdirs(path);
                hdfs.getFileSystem().setOwner(path, directory[1], directory[1]);
                hdfs.getFileSystem().setPermission(path, new FsPermission(Short.parseShort(directory[2], 8)));
            }
            final java.nio.file.Path configuration = hdfs.writeClientConfiguration(Paths.get(args[0]));
            System.out.println(READY + " " + hdfs.getUri() + " " + configuration);
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes the pipe
            }
        } finally {
            hdfs.stop();
        }
    }
}
