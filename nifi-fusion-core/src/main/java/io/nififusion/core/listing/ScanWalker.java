package io.nififusion.core.listing;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.RemoteIterator;

import org.apache.hadoop.security.AccessControlException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A depth-first walk of source trees that hands out one status at a time. It keeps an explicit stack of open
 * directory listings (each holding at most one page of the NameNode's listing), so its memory grows with the depth
 * of the tree, not its size, and its position can be saved as a {@link ScanCursor} and resumed after a restart.
 * A directory is handed out before its children.
 */
public final class ScanWalker {

    /** How the walker reads the source; the processor binds it to the HDFS client. */
    public interface DirectoryLister {
        /** The children of a directory in HDFS order (byte order of names). */
        RemoteIterator<FileStatus> list(String directory) throws IOException;

        /** The status of a path, or null when it does not exist. */
        FileStatus status(String path) throws IOException;
    }

    private final DirectoryLister lister;
    private final ExclusionFilter exclusions;
    private final Deque<String> pendingPaths;
    private final List<OpenFrame> stack = new ArrayList<>();
    private final Deque<String> deniedDirectories = new ArrayDeque<>();

    public ScanWalker(final DirectoryLister lister, final ExclusionFilter exclusions, final ScanCursor cursor) {
        this.lister = lister;
        this.exclusions = exclusions;
        this.pendingPaths = new ArrayDeque<>(cursor.pendingPaths());
        for (final ScanCursor.Frame frame : cursor.frames()) {
            stack.add(new OpenFrame(frame.directory(), frame.lastName()));
        }
    }

    /** Adds a tree to scan after the current work, such as a directory renamed into a root. */
    public void addPath(final String path) {
        if (!pendingPaths.contains(path)) {
            pendingPaths.addLast(path);
        }
    }

    public boolean isDone() {
        return stack.isEmpty() && pendingPaths.isEmpty();
    }

    /** The position after the last status handed out. */
    public ScanCursor getCursor() {
        final List<ScanCursor.Frame> frames = new ArrayList<>(stack.size());
        for (final OpenFrame frame : stack) {
            frames.add(new ScanCursor.Frame(frame.directory, frame.lastName));
        }
        return new ScanCursor(new ArrayList<>(pendingPaths), frames);
    }

    /**
     * Directories found but not listable as the listing's user (permission denied), since the last call: the walk goes
     * on past them, and the caller makes each one a record that fails with its reason until access is granted, so
     * nothing below them is lost silently and the scan is not stuck on one directory.
     */
    public List<String> takeDeniedDirectories() {
        final List<String> denied = new ArrayList<>(deniedDirectories);
        deniedDirectories.clear();
        return denied;
    }

    /** Depth of the stack of open listings, for tests and metrics. */
    public int getDepth() {
        return stack.size();
    }

    /** The next file or directory of the walk, or null when the walk is finished. */
    public FileStatus next() throws IOException {
        while (true) {
            if (stack.isEmpty()) {
                if (pendingPaths.isEmpty()) {
                    return null;
                }
                final String path = pendingPaths.peekFirst();
                final FileStatus status = exclusions.isExcluded(path) ? null : lister.status(path);
                pendingPaths.removeFirst();
                if (status == null || status.isSymlink()) {
                    continue;
                }
                if (status.isDirectory()) {
                    stack.add(new OpenFrame(path, null));
                }
                return status;
            }

            final OpenFrame frame = stack.getLast();
            final FileStatus child = frame.nextChild();
            if (child == null) {
                stack.removeLast();
                continue;
            }
            final String name = child.getPath().getName();
            frame.lastName = name;
            final String childPath = OperationFactory.pathOf(child);
            if (child.isSymlink() || exclusions.isExcludedChild(childPath, name)) {
                continue;
            }
            if (child.isDirectory()) {
                stack.add(new OpenFrame(childPath, null));
            }
            return child;
        }
    }

    /** Compares names the way the NameNode orders them: unsigned bytes of UTF-8. */
    static int compareNames(final String left, final String right) {
        return Arrays.compareUnsigned(left.getBytes(StandardCharsets.UTF_8), right.getBytes(StandardCharsets.UTF_8));
    }

    private final class OpenFrame {
        private final String directory;
        private String lastName;
        private RemoteIterator<FileStatus> iterator;

        private OpenFrame(final String directory, final String lastName) {
            this.directory = directory;
            this.lastName = lastName;
        }

        private FileStatus nextChild() throws IOException {
            if (iterator == null) {
                try {
                    iterator = lister.list(directory);
                } catch (final FileNotFoundException e) {
                    // removed since it was found: its deletion is a change event of its own
                    return null;
                } catch (final AccessControlException e) {
                    deniedDirectories.add(directory);
                    return null;
                }
                if (lastName != null) {
                    return skipTo(lastName);
                }
            }
            try {
                return iterator.hasNext() ? iterator.next() : null;
            } catch (final FileNotFoundException e) {
                return null;
            } catch (final AccessControlException e) {
                // the first page is fetched lazily by some clients: the denial shows here
                deniedDirectories.add(directory);
                return null;
            }
        }

        private FileStatus skipTo(final String handledName) throws IOException {
            try {
                while (iterator.hasNext()) {
                    final FileStatus candidate = iterator.next();
                    if (compareNames(candidate.getPath().getName(), handledName) > 0) {
                        return candidate;
                    }
                }
            } catch (final FileNotFoundException e) {
                return null;
            }
            return null;
        }
    }
}
