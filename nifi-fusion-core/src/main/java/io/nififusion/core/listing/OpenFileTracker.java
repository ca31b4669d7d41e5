package io.nififusion.core.listing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files opened for writing (created or appended) and not yet closed, as seen in the change stream, so files held
 * open for too long are reported rather than waited for silently. Bounded: beyond the limit the oldest entries are
 * forgotten (and counted), which only loses a report, never a change.
 */
public final class OpenFileTracker {
    private final int capacity;
    private final Map<String, OpenFile> openFiles = new LinkedHashMap<>();
    private long forgotten;

    /**
     * @param path absolute path of the open file
     * @param openedAt epoch milliseconds when the stream saw it opened
     * @param reported whether it was already reported as open too long
     */
    public record OpenFile(String path, long openedAt, boolean reported) {
    }

    public OpenFileTracker(final int capacity) {
        this.capacity = capacity;
    }

    public void opened(final String path, final long openedAt) {
        if (openFiles.containsKey(path)) {
            return;
        }
        if (openFiles.size() >= capacity) {
            final Iterator<String> oldest = openFiles.keySet().iterator();
            oldest.next();
            oldest.remove();
            forgotten++;
        }
        openFiles.put(path, new OpenFile(path, openedAt, false));
    }

    public void closed(final String path) {
        openFiles.remove(path);
    }

    /** Follows a rename: a file or the open files below a directory move with it. */
    public void renamed(final String source, final String destination) {
        final List<OpenFile> moved = new ArrayList<>();
        final Iterator<Map.Entry<String, OpenFile>> entries = openFiles.entrySet().iterator();
        while (entries.hasNext()) {
            final OpenFile file = entries.next().getValue();
            if (SourceRoots.isSameOrDescendant(file.path(), source)) {
                entries.remove();
                moved.add(new OpenFile(destination + file.path().substring(source.length()), file.openedAt(), file.reported()));
            }
        }
        for (final OpenFile file : moved) {
            openFiles.put(file.path(), file);
        }
    }

    /** Forgets the path and everything below it. */
    public void deleted(final String path) {
        openFiles.keySet().removeIf(openPath -> SourceRoots.isSameOrDescendant(openPath, path));
    }

    /** Files open longer than {@code limit} at {@code now} and not reported before; they are marked reported. */
    public List<OpenFile> takeOverdue(final long now, final Duration limit) {
        final List<OpenFile> overdue = new ArrayList<>();
        for (final Map.Entry<String, OpenFile> entry : openFiles.entrySet()) {
            final OpenFile file = entry.getValue();
            if (!file.reported() && now - file.openedAt() > limit.toMillis()) {
                overdue.add(file);
                entry.setValue(new OpenFile(file.path(), file.openedAt(), true));
            }
        }
        return overdue;
    }

    public int size() {
        return openFiles.size();
    }

    /** How many open files were dropped from tracking because the capacity was reached. */
    public long getForgotten() {
        return forgotten;
    }
}
