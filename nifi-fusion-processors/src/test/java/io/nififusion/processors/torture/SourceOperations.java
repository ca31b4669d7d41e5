package io.nififusion.processors.torture;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The primitive changes the workload makes to HDFS, each logged to the operation log and mirrored in the
 * {@link SourceModel}. A primitive that fails is logged with its error and the model is reloaded from HDFS; the workload
 * goes on, because a failed change is still a state of the source that the target has to converge to.
 */
final class SourceOperations {
    /** Longest wait for a block recovery (after a truncate inside a block, or a lease recovery). */
    private static final long RECOVERY_LIMIT_MILLIS = 15_000;

    private final DistributedFileSystem fileSystem;
    private final SourceModel model;
    private final TortureLog log;
    /** Writers held open across operations, by their current path (a rename moves the writer with its file). */
    private final Map<String, FSDataOutputStream> writers = new TreeMap<>();
    private long performed;
    private long failed;

    SourceOperations(final DistributedFileSystem fileSystem, final SourceModel model, final TortureLog log) {
        this.fileSystem = fileSystem;
        this.model = model;
        this.log = log;
    }

    boolean mkdirs(final String path) {
        return perform("mkdir -p " + path, () -> {
            fileSystem.mkdirs(new Path(path));
            model.putDirectory(path);
        });
    }

    boolean create(final String path, final byte[] content, final boolean overwrite) {
        return perform((overwrite ? "put -f " : "put ") + path + " (" + content.length + " bytes)", () -> {
            try (FSDataOutputStream out = fileSystem.create(new Path(path), overwrite)) {
                out.write(content);
            }
            model.putFile(path);
        });
    }

    boolean append(final String path, final byte[] content) {
        return perform("append " + path + " (+" + content.length + " bytes)", () -> {
            try (FSDataOutputStream out = fileSystem.append(new Path(path))) {
                out.write(content);
            }
        });
    }

    /** Truncates, then waits (bounded) for the block recovery a cut inside a block starts, so the file can be appended again. */
    boolean truncate(final String path, final long length) {
        return perform("truncate " + path + " to " + length + " bytes", () -> {
            final Path file = new Path(path);
            if (!fileSystem.truncate(file, length)) {
                final long deadline = System.currentTimeMillis() + RECOVERY_LIMIT_MILLIS;
                while (!fileSystem.isFileClosed(file)) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IOException("Block recovery after truncating " + path + " did not finish within " + RECOVERY_LIMIT_MILLIS + " ms");
                    }
                    sleep(50);
                }
            }
        });
    }

    /** HDFS rename2: the parent of the destination must exist; with {@code overwrite} an existing file (or empty directory) is replaced. */
    boolean rename(final String from, final String to, final boolean overwrite) {
        return perform((overwrite ? "mv -f " : "mv ") + from + " -> " + to, () -> {
            final String parent = SourceModel.parentOf(to);
            if (parent != null && !model.exists(parent)) {
                fileSystem.mkdirs(new Path(parent));
                model.putDirectory(parent);
            }
            fileSystem.rename(new Path(from), new Path(to), overwrite ? Options.Rename.OVERWRITE : Options.Rename.NONE);
            closeWritersBelow(to, "replaced by the rename");
            model.moveTree(from, to);
            moveWriters(from, to);
        });
    }

    boolean delete(final String path) {
        return perform("rm -r " + path, () -> {
            fileSystem.delete(new Path(path), true);
            model.removeTree(path);
            closeWritersBelow(path, "deleted");
        });
    }

    boolean chmod(final String path, final short permission) {
        return perform(String.format(Locale.ROOT, "chmod %04o %s", permission, path), () -> fileSystem.setPermission(new Path(path), new FsPermission(permission)));
    }

    boolean chown(final String path, final String owner, final String group) {
        return perform("chown " + owner + ":" + group + " " + path, () -> fileSystem.setOwner(new Path(path), owner, group));
    }

    boolean addAclEntry(final String path, final String entry) {
        return perform("setfacl -m " + entry + " " + path, () -> fileSystem.modifyAclEntries(new Path(path), AclEntry.parseAclSpec(entry, true)));
    }

    boolean removeAcl(final String path) {
        return perform("setfacl -b " + path, () -> fileSystem.removeAcl(new Path(path)));
    }

    /** Creates a file, writes and hflushes the first bytes, and keeps the writer open for later operations. */
    boolean openWriter(final String path, final byte[] content) {
        return perform("open writer " + path + " (" + content.length + " bytes, hflush)", () -> {
            final FSDataOutputStream out = fileSystem.create(new Path(path), false);
            writers.put(path, out);
            model.putFile(path);
            out.write(content);
            out.hflush();
        });
    }

    boolean writeToWriter(final String path, final byte[] content, final boolean sync) {
        return perform("writer " + path + " +" + content.length + " bytes, " + (sync ? "hsync" : "hflush"), () -> {
            final FSDataOutputStream out = writers.get(path);
            try {
                out.write(content);
                if (sync) {
                    out.hsync();
                } else {
                    out.hflush();
                }
            } catch (final IOException e) {
                writers.remove(path);
                closeQuietly(out);
                throw e;
            }
        });
    }

    boolean closeWriter(final String path) {
        return perform("close writer " + path, () -> {
            final FSDataOutputStream out = writers.remove(path);
            if (out != null) {
                out.close();
            }
        });
    }

    /** Closes every writer still open, so that the source can become quiet. */
    void closeAllWriters() {
        for (final String path : new ArrayList<>(writers.keySet())) {
            closeWriter(path);
        }
    }

    /**
     * Recovers the lease of any file still under construction (a writer whose close failed, say across a NameNode
     * restart), as the NameNode would after the lease's hard limit, so that the source really is quiet and complete.
     */
    void closeLeftoverFiles(final List<String> files) {
        for (final String path : files) {
            try {
                final Path file = new Path(path);
                if (fileSystem.isFileClosed(file)) {
                    continue;
                }
                fileSystem.recoverLease(file);
                final long deadline = System.currentTimeMillis() + RECOVERY_LIMIT_MILLIS;
                while (!fileSystem.isFileClosed(file) && System.currentTimeMillis() < deadline) {
                    sleep(50);
                }
                log.add("recovered the lease of " + path + ": its writer never closed it" + (fileSystem.isFileClosed(file) ? "" : " (STILL OPEN)"));
            } catch (final IOException e) {
                log.add("checking that " + path + " is closed failed: " + e);
            }
        }
    }

    List<String> openWriterPaths() {
        return new ArrayList<>(writers.keySet());
    }

    boolean isOpen(final String path) {
        return writers.containsKey(path);
    }

    /** Whether an open writer's file is the path or lies below it. */
    boolean hasOpenWriterAtOrBelow(final String path) {
        for (final String open : writers.keySet()) {
            if (SourceModel.isAtOrBelow(open, path)) {
                return true;
            }
        }
        return false;
    }

    long getFileLength(final String path) {
        try {
            return fileSystem.getFileStatus(new Path(path)).getLen();
        } catch (final IOException e) {
            return -1;
        }
    }

    long getPerformed() {
        return performed;
    }

    long getFailed() {
        return failed;
    }

    private boolean perform(final String description, final SourceChange change) {
        performed++;
        // Logged when it starts: a change can be visible to the listing and the replicator before the call returns
        log.add(description);
        try {
            change.apply();
            return true;
        } catch (final IOException | RuntimeException e) {
            failed++;
            log.add("  FAILED: " + description + ": " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            resynchronize();
            return false;
        }
    }

    /** After a failure the model may be wrong about what the change did; HDFS says what it did. */
    private void resynchronize() {
        try {
            model.reload(fileSystem);
            for (final String path : new ArrayList<>(writers.keySet())) {
                if (!model.isFile(path)) {
                    closeQuietly(writers.remove(path));
                    log.add("  writer of " + path + " dropped: the file is gone");
                }
            }
        } catch (final IOException e) {
            log.add("  reloading the source model failed: " + e);
        }
    }

    private void moveWriters(final String from, final String to) {
        for (final String path : new ArrayList<>(writers.keySet())) {
            if (SourceModel.isAtOrBelow(path, from)) {
                writers.put(to + path.substring(from.length()), writers.remove(path));
            }
        }
    }

    private void closeWritersBelow(final String path, final String reason) {
        for (final String open : new ArrayList<>(writers.keySet())) {
            if (SourceModel.isAtOrBelow(open, path)) {
                closeQuietly(writers.remove(open));
                log.add("  writer of " + open + " closed: its file was " + reason);
            }
        }
    }

    private static void closeQuietly(final FSDataOutputStream out) {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (final IOException | RuntimeException ignored) {
            // the file is gone: the writer can only fail, which is what a real abandoned writer does
        }
    }

    static String firstLine(final String message) {
        if (message == null) {
            return "";
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void sleep(final long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    /** One change to HDFS. */
    @FunctionalInterface
    private interface SourceChange {
        void apply() throws IOException;
    }
}
