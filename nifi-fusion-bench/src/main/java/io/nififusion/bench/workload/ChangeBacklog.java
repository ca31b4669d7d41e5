package io.nififusion.bench.workload;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A backlog of changes for the drain: per 100 files, 100 creates+closes over many directories of the root, 5 appends,
 * 5 chmods, 2 renames and 2 deletes of files, 5 creates outside the root, 5 under an excluded {@code _temporary}, one
 * put-style upload ({@code x._COPYING_} renamed to {@code x}); directory renames between the halves. About 2.4 events
 * per file. The marker file is written last: a drain is complete when its CLOSE has come through.
 */
public final class ChangeBacklog {
    public static final String ROOT = "/bench/drain/in";
    public static final String OUTSIDE = "/bench/drain/out";
    public static final String MARKER = ROOT + "/zz-marker";
    private static final int DIRECTORIES = 100;
    private static final int THREADS = 8;

    private final FileSystem fileSystem;

    public ChangeBacklog(final FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    /** Creates the root and the outside directory (before the listing records its start). */
    public void prepare() throws IOException {
        fileSystem.mkdirs(new Path(ROOT));
        fileSystem.mkdirs(new Path(OUTSIDE));
    }

    /** The changes of files {@code from} (inclusive) to {@code to}, then {@code directoryRenames} directory renames. */
    public void generate(final int from, final int to, final int directoryRenames, final int renameOffset) throws IOException {
        final ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            final List<Future<?>> workers = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                final int first = from + thread;
                workers.add(executor.submit(() -> {
                    for (int file = first; file < to; file += THREADS) {
                        changesOf(file);
                    }
                    return null;
                }));
            }
            for (final Future<?> worker : workers) {
                worker.get();
            }
        } catch (final ExecutionException e) {
            throw new IOException("Writing the backlog failed: " + e.getCause().getMessage(), e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted writing the backlog", e);
        } finally {
            executor.shutdownNow();
        }
        for (int rename = 0; rename < directoryRenames; rename++) {
            final int directory = renameOffset + rename;
            fileSystem.rename(new Path(directory(directory)), new Path(ROOT + String.format("/moved-%03d", directory)));
        }
    }

    public void writeMarker() throws IOException {
        fileSystem.create(new Path(MARKER), true).close();
    }

    private void changesOf(final int file) throws IOException {
        final String directory = directory(file % DIRECTORIES);
        final Path path = new Path(directory + "/f-" + file);
        fileSystem.create(path, false).close();
        switch (file % 100) {
            case 0, 20, 40, 60, 80 -> fileSystem.append(path).close();
            case 1, 21, 41, 61, 81 -> fileSystem.setPermission(path, new FsPermission((short) 0640));
            case 2, 52 -> fileSystem.rename(path, new Path(directory + "/r-" + file));
            case 3, 53 -> fileSystem.delete(path, false);
            case 4, 24, 44, 64, 84 -> fileSystem.create(new Path(OUTSIDE + "/d-" + file % 10 + "/f-" + file), false).close();
            case 5, 25, 45, 65, 85 -> fileSystem.create(new Path(directory + "/_temporary/0/f-" + file), false).close();
            case 6 -> {
                final Path copying = new Path(directory + "/g-" + file + "._COPYING_");
                fileSystem.create(copying, false).close();
                fileSystem.rename(copying, new Path(directory + "/g-" + file));
            }
            default -> {
                // a plain create and close
            }
        }
    }

    private static String directory(final int index) {
        return ROOT + String.format("/d-%03d", index);
    }
}
