package io.nififusion.core.restore;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathItem;
import com.azure.storage.file.datalake.models.PathProperties;
import io.nififusion.core.target.TargetDirectoryListing;
import io.nififusion.core.target.TargetPathProperties;
import io.nififusion.core.trash.TrashLayout;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * Walks one target subtree depth-first in {@link RelativePathOrder}, one directory listing at a time: memory holds the
 * listings of the directories on the current path, never the tree. A walk resumes strictly after a cursor without
 * listing what lies before it (only the cursor's ancestors are listed again).
 */
public final class TargetTreeWalker implements Iterator<TargetTreeEntry> {
    private final DataLakeFileSystemClient fileSystem;
    private final String base;
    private final String cursor;
    private final Predicate<String> skip;
    private final int pageSize;
    private final Deque<Frame> stack = new ArrayDeque<>();
    private TargetTreeEntry next;

    private record Frame(String relativeDirectory, Iterator<Map.Entry<String, PathItem>> children) {
    }

    /**
     * @param base directory the relative paths are relative to, relative to the filesystem ({@code ""} for its root)
     * @param subtree the part of the base to walk, relative to it ({@code ""} for all of it); emitted first when it exists
     * @param includeSubtreeRoot whether the subtree's own path is emitted (a walk of a whole trash batch leaves the batch out)
     * @param cursor the last relative path emitted by an earlier walk, or null to start at the beginning
     * @param skip relative paths left out with everything below them (temp files, the trash inside the live tree)
     * @param pageSize entries per listing request
     */
    public TargetTreeWalker(final DataLakeFileSystemClient fileSystem, final String base, final String subtree, final boolean includeSubtreeRoot,
                            final String cursor, final Predicate<String> skip, final int pageSize) {
        this.fileSystem = fileSystem;
        this.base = base;
        this.cursor = cursor;
        this.skip = skip;
        this.pageSize = pageSize;
        final String rootPath = TrashLayout.join(base, subtree);
        if (rootPath.isEmpty()) {
            stack.push(listing(subtree));
            return;
        }
        final PathProperties properties = TargetPathProperties.of(fileSystem).readOrNull(rootPath);
        if (properties == null) {
            return;
        }
        final TargetTreeEntry root = TargetTreeEntry.of(subtree, rootPath, properties);
        if (root.directory() && descends(subtree)) {
            stack.push(listing(subtree));
        }
        if ((includeSubtreeRoot || !root.directory()) && isAfterCursor(subtree)) {
            next = root;
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null && !stack.isEmpty()) {
            final Frame frame = stack.peek();
            if (!frame.children().hasNext()) {
                stack.pop();
                continue;
            }
            final Map.Entry<String, PathItem> child = frame.children().next();
            final String relative = frame.relativeDirectory().isEmpty() ? child.getKey() : frame.relativeDirectory() + "/" + child.getKey();
            if (skip.test(relative)) {
                continue;
            }
            if (child.getValue().isDirectory() && descends(relative)) {
                stack.push(listing(relative));
            }
            if (isAfterCursor(relative)) {
                next = TargetTreeEntry.of(relative, child.getValue());
            }
        }
        return next != null;
    }

    @Override
    public TargetTreeEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        final TargetTreeEntry entry = next;
        next = null;
        return entry;
    }

    /** The next entry without taking it, or null at the end. */
    public TargetTreeEntry peek() {
        return hasNext() ? next : null;
    }

    private boolean isAfterCursor(final String relative) {
        return cursor == null || RelativePathOrder.INSTANCE.compare(relative, cursor) > 0;
    }

    /** A directory before the cursor holds only paths before it, unless it is one of the cursor's ancestors. */
    private boolean descends(final String relative) {
        return cursor == null || isAfterCursor(relative) || relative.equals(cursor) || RelativePathOrder.isAncestor(relative, cursor);
    }

    private Frame listing(final String relativeDirectory) {
        return new Frame(relativeDirectory, TargetDirectoryListing.children(fileSystem, TrashLayout.join(base, relativeDirectory), pageSize)
                .entrySet().iterator());
    }
}
