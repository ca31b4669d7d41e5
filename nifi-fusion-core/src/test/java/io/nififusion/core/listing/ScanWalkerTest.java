package io.nififusion.core.listing;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanWalkerTest {

    /** A namespace held in memory that lists children in the NameNode's order (unsigned UTF-8 bytes). */
    private static final class InMemoryNamespace implements ScanWalker.DirectoryLister {
        private final Map<String, FileStatus> entries = new TreeMap<>();
        private int listings;

        void directory(final String path) {
            entries.put(path, new FileStatus(0, true, 1, 0, 1L, new Path(path)));
        }

        void file(final String path, final long length) {
            entries.put(path, new FileStatus(length, false, 1, 128, 1L, new Path(path)));
        }

        @Override
        public RemoteIterator<FileStatus> list(final String directory) throws IOException {
            if (!entries.containsKey(directory)) {
                throw new FileNotFoundException(directory);
            }
            listings++;
            final List<FileStatus> children = new ArrayList<>();
            for (final Map.Entry<String, FileStatus> entry : entries.entrySet()) {
                final String path = entry.getKey();
                final String parent = path.substring(0, Math.max(1, path.lastIndexOf('/')));
                if (!path.equals(directory) && parent.equals(directory)) {
                    children.add(entry.getValue());
                }
            }
            children.sort((left, right) -> ScanWalker.compareNames(left.getPath().getName(), right.getPath().getName()));
            final Iterator<FileStatus> iterator = children.iterator();
            return new RemoteIterator<>() {
                @Override
                public boolean hasNext() {
                    return iterator.hasNext();
                }

                @Override
                public FileStatus next() {
                    return iterator.next();
                }
            };
        }

        @Override
        public FileStatus status(final String path) {
            return entries.get(path);
        }
    }

    private static InMemoryNamespace sampleNamespace() {
        final InMemoryNamespace namespace = new InMemoryNamespace();
        namespace.directory("/data");
        namespace.directory("/data/a");
        namespace.file("/data/a/1", 1);
        namespace.file("/data/a/2 with space", 2);
        namespace.directory("/data/a/_temporary");
        namespace.file("/data/a/_temporary/part", 3);
        namespace.directory("/data/b");
        namespace.directory("/data/b/c");
        namespace.file("/data/b/c/%#x", 4);
        namespace.file("/data/b/\uFF21", 5);
        namespace.file("/data/b/\uD83D\uDE00", 6);
        namespace.file("/data/z", 7);
        namespace.directory("/other");
        namespace.file("/other/f", 8);
        return namespace;
    }

    private static List<String> walkAll(final ScanWalker walker) throws IOException {
        final List<String> paths = new ArrayList<>();
        FileStatus status;
        while ((status = walker.next()) != null) {
            paths.add(OperationFactory.pathOf(status));
        }
        return paths;
    }

    @Test
    void walksDepthFirstDirectoriesBeforeChildrenSkippingExclusions() throws IOException {
        final ScanWalker walker = new ScanWalker(sampleNamespace(), ExclusionFilter.parse("_temporary"), ScanCursor.startingAt(List.of("/data", "/other")));
        assertEquals(List.of("/data", "/data/a", "/data/a/1", "/data/a/2 with space", "/data/b", "/data/b/c", "/data/b/c/%#x",
                "/data/b/\uFF21", "/data/b/\uD83D\uDE00", "/data/z", "/other", "/other/f"), walkAll(walker));
        assertTrue(walker.isDone());
        assertTrue(walker.getCursor().isDone());
    }

    @Test
    void resumesFromACursorSavedAfterAnyEntry() throws IOException {
        final InMemoryNamespace namespace = sampleNamespace();
        final List<String> expected = walkAll(new ScanWalker(namespace, ExclusionFilter.none(), ScanCursor.startingAt(List.of("/data", "/other"))));
        for (int stopAfter = 0; stopAfter <= expected.size(); stopAfter++) {
            final ScanWalker first = new ScanWalker(namespace, ExclusionFilter.none(), ScanCursor.startingAt(List.of("/data", "/other")));
            final List<String> seen = new ArrayList<>();
            for (int i = 0; i < stopAfter; i++) {
                seen.add(OperationFactory.pathOf(first.next()));
            }
            final ScanCursor saved = ScanCursor.fromJson(first.getCursor().toJson());
            seen.addAll(walkAll(new ScanWalker(namespace, ExclusionFilter.none(), saved)));
            assertEquals(expected, seen, "resumed after " + stopAfter + " entries");
        }
    }

    @Test
    void memoryIsTheDepthNotTheBreadth() throws IOException {
        final InMemoryNamespace namespace = new InMemoryNamespace();
        namespace.directory("/wide");
        for (int i = 0; i < 2_000; i++) {
            namespace.directory("/wide/d" + i);
            namespace.file("/wide/d" + i + "/f", 1);
        }
        final ScanWalker walker = new ScanWalker(namespace, ExclusionFilter.none(), ScanCursor.startingAt(List.of("/wide")));
        int maxDepth = 0;
        int count = 0;
        while (walker.next() != null) {
            count++;
            maxDepth = Math.max(maxDepth, walker.getDepth());
            assertTrue(walker.getCursor().toJson().length() < 200);
        }
        assertEquals(4_001, count);
        assertEquals(2, maxDepth);
        // one listing per directory: an open listing is kept across descents, never re-read
        assertEquals(2_001, namespace.listings);
    }

    @Test
    void missingRootsAndTreesRemovedMidScanAreSkipped() throws IOException {
        final InMemoryNamespace namespace = sampleNamespace();
        final ScanWalker walker = new ScanWalker(namespace, ExclusionFilter.none(), ScanCursor.startingAt(List.of("/missing", "/other")));
        assertEquals(List.of("/other", "/other/f"), walkAll(walker));

        final ScanWalker resumed = new ScanWalker(namespace, ExclusionFilter.none(),
                new ScanCursor(List.of("/other"), List.of(new ScanCursor.Frame("/gone", "x"))));
        assertEquals(List.of("/other", "/other/f"), walkAll(resumed));
        assertNull(resumed.next());
    }

    @Test
    void namesAreOrderedByUtf8Bytes() {
        assertTrue(ScanWalker.compareNames("\uFF21", "\uD83D\uDE00") < 0);
        assertTrue(ScanWalker.compareNames("a", "b") < 0);
        assertEquals(0, ScanWalker.compareNames("x", "x"));
    }
}
