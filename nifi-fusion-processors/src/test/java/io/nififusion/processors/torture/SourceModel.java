package io.nififusion.processors.torture;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The workload's picture of the source namespace below the run's base directory: which paths exist and whether each is a
 * directory. The workload chooses its operands from this picture, never from a live listing, so that its choices depend
 * only on the seed and on earlier choices. Only the workload changes the source, so the picture stays exact; after an
 * operation that failed (a NameNode restart, a writer whose file was deleted) it is reloaded from HDFS, which is
 * deterministic for the same reason.
 */
final class SourceModel {
    private final String base;
    private final TreeMap<String, Boolean> entries = new TreeMap<>();

    SourceModel(final String base) {
        this.base = base;
    }

    boolean exists(final String path) {
        return entries.containsKey(path);
    }

    boolean isDirectory(final String path) {
        return Boolean.TRUE.equals(entries.get(path));
    }

    boolean isFile(final String path) {
        return Boolean.FALSE.equals(entries.get(path));
    }

    void putDirectory(final String path) {
        putParents(path);
        entries.put(path, true);
    }

    void putFile(final String path) {
        putParents(path);
        entries.put(path, false);
    }

    /** Removes the path and everything below it. */
    void removeTree(final String path) {
        entries.remove(path);
        descendants(path).clear();
    }

    /** Moves the path and everything below it to a new name. */
    void moveTree(final String from, final String to) {
        final Boolean directory = entries.remove(from);
        if (directory == null) {
            return;
        }
        final NavigableMap<String, Boolean> below = descendants(from);
        final Map<String, Boolean> moved = new TreeMap<>();
        for (final Map.Entry<String, Boolean> entry : below.entrySet()) {
            moved.put(to + entry.getKey().substring(from.length()), entry.getValue());
        }
        below.clear();
        removeTree(to);
        putParents(to);
        entries.put(to, directory);
        entries.putAll(moved);
    }

    /** Files matching the filter, in path order. */
    List<String> files(final Predicate<String> filter) {
        return select(false, filter);
    }

    /** Directories matching the filter, in path order. */
    List<String> directories(final Predicate<String> filter) {
        return select(true, filter);
    }

    /** Direct children of a directory, in path order. */
    List<String> children(final String directory) {
        final List<String> children = new ArrayList<>();
        for (final String path : descendants(directory).keySet()) {
            if (path.indexOf('/', directory.length() + 1) < 0) {
                children.add(path);
            }
        }
        return children;
    }

    int size() {
        return entries.size();
    }

    /** Replaces the picture with what HDFS holds below the base directory now. */
    void reload(final FileSystem fileSystem) throws IOException {
        entries.clear();
        entries.put(base, true);
        final Deque<Path> pending = new ArrayDeque<>();
        pending.push(new Path(base));
        while (!pending.isEmpty()) {
            final Path directory = pending.pop();
            final FileStatus[] children;
            try {
                children = fileSystem.listStatus(directory);
            } catch (final FileNotFoundException e) {
                continue;
            }
            for (final FileStatus child : children) {
                final String path = child.getPath().toUri().getPath();
                entries.put(path, child.isDirectory());
                if (child.isDirectory()) {
                    pending.push(child.getPath());
                }
            }
        }
    }

    private List<String> select(final boolean directory, final Predicate<String> filter) {
        final List<String> selected = new ArrayList<>();
        for (final Map.Entry<String, Boolean> entry : entries.entrySet()) {
            if (entry.getValue() == directory && filter.test(entry.getKey())) {
                selected.add(entry.getKey());
            }
        }
        return selected;
    }

    private NavigableMap<String, Boolean> descendants(final String path) {
        // '/' + 1 is '0': every descendant sorts between "path/" and "path0"
        return entries.subMap(path + "/", true, path + "0", false);
    }

    private void putParents(final String path) {
        String parent = parentOf(path);
        while (parent != null && parent.startsWith(base) && !entries.containsKey(parent)) {
            entries.put(parent, true);
            parent = parentOf(parent);
        }
    }

    static String parentOf(final String path) {
        final int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }

    static boolean isAtOrBelow(final String path, final String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + "/");
    }
}
