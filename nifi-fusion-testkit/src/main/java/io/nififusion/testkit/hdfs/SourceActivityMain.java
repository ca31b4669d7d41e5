package io.nififusion.testkit.hdfs;

import io.nififusion.testkit.cli.CommandOptions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Plays a source cluster in production for a manual check of the shipped flows in a real NiFi: seeds a dataset under a
 * root, applies the changes a live migration must survive (append, directory rename, delete, overwrite, log rotation),
 * then keeps changing a live area for a while. Each change is printed with a running count.
 * <p>
 * {@code seed|changes|churn --conf hdfs-site.xml --root /data [--seconds 600] [--interval-ms 2000] [--seed 1]}
 */
public final class SourceActivityMain {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    private final FileSystem fileSystem;
    private final Path root;
    private final Random random;
    private int changes;

    SourceActivityMain(final FileSystem fileSystem, final Path root, final long seed) {
        this.fileSystem = fileSystem;
        this.root = root;
        this.random = new Random(seed);
    }

    public static void main(final String[] args) throws IOException, InterruptedException {
        if (args.length == 0 || "--help".equals(args[0])) {
            System.out.println("Usage: seed|changes|churn --conf hdfs-site.xml --root /data [--seconds 600] [--interval-ms 2000] [--seed 1]");
            return;
        }
        final String command = args[0];
        final CommandOptions options = CommandOptions.parse(args, 1, Set.of("--conf", "--root", "--seconds", "--interval-ms", "--seed"));
        final String configuration = options.get("--conf", null);
        final String rootPath = options.get("--root", "/data");
        final long seconds = options.getLong("--seconds", 600);
        final long intervalMillis = options.getLong("--interval-ms", 2000);
        final long seed = options.getLong("--seed", 1);
        if (configuration == null) {
            throw new IllegalArgumentException("--conf is required: the hdfs-site.xml MiniDfsProcessMain wrote");
        }
        final Configuration conf = new Configuration();
        conf.addResource(new Path(configuration));
        try (FileSystem fileSystem = FileSystem.newInstance(conf)) {
            final SourceActivityMain activity = new SourceActivityMain(fileSystem, new Path(rootPath), seed);
            switch (command) {
                case "seed" -> activity.seed();
                case "changes" -> activity.scriptedChanges();
                case "churn" -> activity.churn(Duration.ofSeconds(seconds), Duration.ofMillis(intervalMillis));
                default -> throw new IllegalArgumentException("Unknown command " + command + " (seed, changes, churn)");
            }
            System.out.println("done: " + activity.changes + " change(s); source now " + activity.summary());
        }
    }

    /** A warehouse of small files, two big files, an empty file and directory, a log and a scratch area. */
    void seed() throws IOException {
        for (int i = 0; i < 200; i++) {
            write(String.format("warehouse/sales/part-%05d", i), KIB + random.nextInt(64 * KIB));
        }
        write("warehouse/big/blob-1", 40 * MIB);
        write("warehouse/big/blob-2", 24 * MIB);
        write("warehouse/empty", 0);
        mkdir("warehouse/empty-directory");
        writeLines("logs/app.log", 200);
        report("write logs/app.log (200 lines, flushed line by line)");
        for (int i = 0; i < 10; i++) {
            write("tmp/scratch-" + i, 4 * KIB);
        }
    }

    /** The changes named in the check, each once: append, directory rename, delete, overwrite, log rotation. */
    void scriptedChanges() throws IOException {
        append("warehouse/sales/part-00001", 4 * KIB);
        rename("warehouse/sales", "warehouse/sales-2026");
        delete("tmp/scratch-3");
        delete("tmp");
        write("warehouse/big/blob-2", 24 * MIB);
        rotateLog("logs/app.log");
    }

    /** Random changes in {@code live/} at a steady pace, bounded by the duration. */
    void churn(final Duration duration, final Duration interval) throws IOException, InterruptedException {
        final long end = System.nanoTime() + duration.toNanos();
        int created = 0;
        while (System.nanoTime() < end) {
            final List<String> files = liveFiles();
            final int choice = files.size() < 5 ? 0 : random.nextInt(7);
            final String some = files.isEmpty() ? null : files.get(random.nextInt(files.size()));
            switch (choice) {
                case 0, 1 -> write("live/d" + random.nextInt(4) + "/f-" + created++, random.nextInt(256 * KIB));
                case 2 -> append(some, KIB + random.nextInt(16 * KIB));
                case 3 -> write(some, random.nextInt(128 * KIB));
                case 4 -> rename(some, "live/d" + random.nextInt(4) + "/r-" + created++);
                case 5 -> delete(some);
                default -> rotateLog("live/service.log");
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private List<String> liveFiles() throws IOException {
        final List<String> files = new ArrayList<>();
        final Path live = new Path(root, "live");
        if (!fileSystem.exists(live)) {
            return files;
        }
        final var iterator = fileSystem.listFiles(live, true);
        final String prefix = root.toUri().getPath() + "/";
        while (iterator.hasNext()) {
            final String path = iterator.next().getPath().toUri().getPath();
            if (!path.contains("/service.log")) {
                files.add(path.substring(prefix.length()));
            }
        }
        files.sort(String::compareTo);
        return files;
    }

    private void write(final String relative, final int length) throws IOException {
        try (FSDataOutputStream out = fileSystem.create(new Path(root, relative), true)) {
            out.write(bytes(length));
        }
        report("write " + relative + " (" + length + " bytes)");
    }

    private void writeLines(final String relative, final int lines) throws IOException {
        try (FSDataOutputStream out = fileSystem.create(new Path(root, relative), true)) {
            for (int i = 0; i < lines; i++) {
                out.write(("line " + i + " " + random.nextLong() + "\n").getBytes(StandardCharsets.UTF_8));
                out.hflush();
            }
        }
    }

    private void append(final String relative, final int length) throws IOException {
        try (FSDataOutputStream out = fileSystem.append(new Path(root, relative))) {
            out.write(bytes(length));
        }
        report("append " + relative + " (+" + length + " bytes)");
    }

    private void rename(final String from, final String to) throws IOException {
        fileSystem.mkdirs(new Path(root, to).getParent());
        if (!fileSystem.rename(new Path(root, from), new Path(root, to))) {
            throw new IOException("rename " + from + " -> " + to + " refused by HDFS");
        }
        report("rename " + from + " -> " + to);
    }

    private void delete(final String relative) throws IOException {
        fileSystem.delete(new Path(root, relative), true);
        report("delete " + relative);
    }

    private void mkdir(final String relative) throws IOException {
        fileSystem.mkdirs(new Path(root, relative));
        report("mkdir " + relative);
    }

    /** Like a log4j rolling appender: the current log becomes {@code .1} (older ones shift), a new log is written. */
    private void rotateLog(final String relative) throws IOException {
        final Path log = new Path(root, relative);
        if (fileSystem.exists(log)) {
            for (int generation = 3; generation >= 1; generation--) {
                final Path older = new Path(root, relative + "." + generation);
                if (fileSystem.exists(older)) {
                    if (generation == 3) {
                        fileSystem.delete(older, false);
                    } else {
                        fileSystem.rename(older, new Path(root, relative + "." + (generation + 1)));
                    }
                }
            }
            fileSystem.rename(log, new Path(root, relative + ".1"));
        }
        writeLines(relative, 20 + random.nextInt(80));
        report("rotate " + relative + " (the old log is now " + relative + ".1)");
    }

    private byte[] bytes(final int length) {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private void report(final String change) {
        changes++;
        System.out.println(changes + " " + change);
        System.out.flush();
    }

    private String summary() throws IOException {
        long files = 0;
        long bytes = 0;
        final var iterator = fileSystem.listFiles(root, true);
        while (iterator.hasNext()) {
            final FileStatus status = iterator.next();
            files++;
            bytes += status.getLen();
        }
        return files + " files, " + bytes + " bytes under " + root;
    }
}
