package io.nififusion.testkit.hdfs;

import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DFSInotifyEventInputStream;
import org.apache.hadoop.hdfs.inotify.Event;
import org.apache.hadoop.hdfs.inotify.EventBatch;
import org.apache.hadoop.hdfs.protocol.SnapshotDiffReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MiniDfsExtensionIT {
    @RegisterExtension
    static final MiniDfsExtension HDFS = MiniDfsExtension.builder().blockSize(MiniDfsExtension.SMALL_BLOCK_SIZE).build();

    @Test
    void inotifyReportsEveryKindOfChange() throws Exception {
        final long startTxid = HDFS.getCurrentTransactionId();
        final DFSInotifyEventInputStream stream = HDFS.getAdmin().getInotifyEventStream(startTxid);

        HDFS.write("/inotify/a.txt", "hello".getBytes());
        HDFS.append("/inotify/a.txt", " world".getBytes());
        HDFS.chmod("/inotify/a.txt", (short) 0600);
        HDFS.rename("/inotify/a.txt", "/inotify/b.txt");
        HDFS.delete("/inotify/b.txt");

        final List<Event.EventType> seen = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        while (!seen.contains(Event.EventType.UNLINK)) {
            final EventBatch batch = stream.poll(5, TimeUnit.SECONDS);
            if (batch == null) {
                break;
            }
            for (final Event event : batch.getEvents()) {
                seen.add(event.getEventType());
                events.add(event);
            }
        }

        assertTrue(seen.containsAll(List.of(Event.EventType.CREATE, Event.EventType.CLOSE, Event.EventType.APPEND,
                Event.EventType.METADATA, Event.EventType.RENAME, Event.EventType.UNLINK)), "Events seen: " + seen);
        for (final Event event : events) {
            if (event instanceof Event.RenameEvent rename) {
                assertEquals("/inotify/a.txt", rename.getSrcPath());
                assertEquals("/inotify/b.txt", rename.getDstPath());
            } else if (event instanceof Event.MetadataUpdateEvent metadata) {
                assertEquals(Event.MetadataUpdateEvent.MetadataType.PERMS, metadata.getMetadataType());
                assertEquals((short) 0600, metadata.getPerms().toShort());
            }
        }
        final long lastCloseSize = events.stream()
                .filter(event -> event instanceof Event.CloseEvent)
                .mapToLong(event -> ((Event.CloseEvent) event).getFileSize())
                .max().orElse(-1);
        assertEquals("hello world".length(), lastCloseSize);
    }

    @Test
    void snapshotDiffListsChangesBetweenSnapshots() throws Exception {
        HDFS.mkdirs("/snap");
        HDFS.write("/snap/kept.txt", "kept".getBytes());
        HDFS.write("/snap/removed.txt", "removed".getBytes());
        HDFS.getAdmin().allowSnapshot(new Path("/snap"));
        HDFS.getFileSystem().createSnapshot(new Path("/snap"), "s1");

        HDFS.write("/snap/added.txt", "added".getBytes());
        HDFS.delete("/snap/removed.txt");
        HDFS.rename("/snap/kept.txt", "/snap/moved.txt");
        HDFS.getFileSystem().createSnapshot(new Path("/snap"), "s2");

        final SnapshotDiffReport report = HDFS.getFileSystem().getSnapshotDiffReport(new Path("/snap"), "s1", "s2");
        final List<String> entries = new ArrayList<>();
        for (final SnapshotDiffReport.DiffReportEntry entry : report.getDiffList()) {
            final String source = new String(entry.getSourcePath());
            final String target = entry.getTargetPath() == null ? "" : " -> " + new String(entry.getTargetPath());
            entries.add(entry.getType() + " " + source + target);
        }
        assertTrue(entries.contains("CREATE added.txt"), entries.toString());
        assertTrue(entries.contains("DELETE removed.txt"), entries.toString());
        assertTrue(entries.contains("RENAME kept.txt -> moved.txt"), entries.toString());
    }

    @Test
    void compositeCrcEqualsCrc32cOfMultiBlockFile() throws Exception {
        final int length = (int) (MiniDfsExtension.SMALL_BLOCK_SIZE * 2 + 12345);
        final byte[] content = HDFS.writeRandom("/checksum/multi-block.bin", length, 42);
        assertEquals(3, HDFS.getFileSystem().getFileBlockLocations(new Path("/checksum/multi-block.bin"), 0, length).length);

        final FileChecksum checksum = HDFS.getFileSystem().getFileChecksum(new Path("/checksum/multi-block.bin"));
        final CRC32C expected = new CRC32C();
        expected.update(content);

        assertEquals("COMPOSITE-CRC32C", checksum.getAlgorithmName());
        assertEquals((int) expected.getValue(), ByteBuffer.wrap(checksum.getBytes()).getInt());
        assertArrayEquals(content, HDFS.read("/checksum/multi-block.bin"));
    }
}
