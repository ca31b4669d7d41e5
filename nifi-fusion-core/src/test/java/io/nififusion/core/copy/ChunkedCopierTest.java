package io.nififusion.core.copy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkedCopierTest {
    private static final int CHUNK = 1000;

    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final ReplicationErrorClassifier classifier = new ReplicationErrorClassifier("Account Key");

    @AfterEach
    void shutdown() {
        executor.shutdownNow();
    }

    @Test
    void parallelCopyDeliversEveryByteAndInOrderDigests() throws Exception {
        final byte[] content = random(10_500);
        final MemorySink sink = new MemorySink(content.length, 5);
        final FileDigests digests = new FileDigests();

        final long sent = copier(4, 3).copy(source(content), sink, 0, content.length, digests, () -> true);

        assertEquals(content.length, sent);
        assertArrayEquals(content, sink.bytes);
        assertArrayEquals(MessageDigest.getInstance("MD5").digest(content), digests.finishMd5());
        assertEquals(crc32c(content, content.length), digests.getCrc32c());
        assertTrue(sink.maxConcurrent.get() <= 4, "at most 4 appends in flight, saw " + sink.maxConcurrent.get());
        assertTrue(sink.maxConcurrent.get() > 1, "appends ran in parallel");
    }

    @Test
    void checkpointsCommitOnlyContiguousAppendedPrefixes() throws Exception {
        final byte[] content = random(10_500);
        final MemorySink sink = new MemorySink(content.length, 2);

        copier(4, 3).copy(source(content), sink, 0, content.length, new FileDigests(), () -> true);

        assertEquals(List.of(3000L, 6000L, 9000L), sink.checkpoints);
        assertTrue(sink.everyCheckpointCoveredByAppends, "every checkpoint followed the appends before it");
    }

    @Test
    void resumedCopyDigestsThePrefixAndSendsOnlyTheRest() throws Exception {
        final byte[] content = random(7_300);
        final MemorySink sink = new MemorySink(content.length, 0);
        System.arraycopy(content, 0, sink.bytes, 0, 4000);
        final ChunkedCopier copier = copier(3, 2);
        final FileDigests digests = new FileDigests();

        copier.digestPrefix(source(content), 4000, digests, () -> true);
        final long sent = copier.copy(source(content), sink, 4000, content.length, digests, () -> true);

        assertEquals(3300, sent);
        assertEquals(4000, sink.lowestAppendedOffset());
        assertArrayEquals(content, sink.bytes);
        assertArrayEquals(MessageDigest.getInstance("MD5").digest(content), digests.finishMd5());
        assertEquals(crc32c(content, content.length), digests.getCrc32c());
    }

    @Test
    void firstAppendFailureIsRethrownAndNoAppendStartsAfterwards() {
        final byte[] content = random(20_000);
        final MemorySink sink = new MemorySink(content.length, 0);
        sink.failAtOffset = 5000;

        final ReplicationException e = assertThrows(ReplicationException.class,
                () -> copier(4, 0).copy(source(content), sink, 0, content.length, new FileDigests(), () -> true));

        assertTrue(e.getMessage().contains("boom at 5000"), e.getMessage());
        final int appendsAtReturn = sink.appends.get();
        assertEquals(appendsAtReturn, sink.appends.get());
        assertTrue(appendsAtReturn < 20, "the copy stopped early, appends: " + appendsAtReturn);
    }

    @Test
    void sourceReadFailureIsClassified() {
        final ChunkSource broken = (position, buffer, offset, length) -> {
            throw new org.apache.hadoop.hdfs.BlockMissingException("/f", "no live replica", position);
        };

        final ReplicationException e = assertThrows(ReplicationException.class,
                () -> copier(2, 0).copy(broken, new MemorySink(5000, 0), 0, 5000, new FileDigests(), () -> true));

        assertEquals(ReplicationErrorCode.SOURCE_CORRUPT, e.getCode());
        assertFalse(e.isTransient());
    }

    @Test
    void stopsWhenTheProcessorIsUnscheduled() {
        final byte[] content = random(10_000);
        final AtomicInteger checks = new AtomicInteger();

        final ReplicationException e = assertThrows(ReplicationException.class,
                () -> copier(2, 0).copy(source(content), new MemorySink(content.length, 0), 0, content.length, new FileDigests(),
                        () -> checks.incrementAndGet() < 3));

        assertEquals(ReplicationErrorCode.INTERRUPTED, e.getCode());
        assertTrue(e.isTransient());
    }

    private ChunkedCopier copier(final int parallelism, final int checkpointInterval) {
        return new ChunkedCopier(CHUNK, parallelism, checkpointInterval, executor, new BandwidthThrottle(0), classifier);
    }

    private static ChunkSource source(final byte[] content) {
        return (position, buffer, offset, length) -> {
            if (position + length > content.length) {
                throw new IOException("read past the end");
            }
            System.arraycopy(content, (int) position, buffer, offset, length);
        };
    }

    private static byte[] random(final int length) {
        final byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static long crc32c(final byte[] bytes, final int length) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    /** Records appends into a byte array, with an artificial delay so several overlap. */
    private static final class MemorySink implements ChunkSink {
        private final byte[] bytes;
        private final long delayMillis;
        private final boolean[] appended;
        private final AtomicInteger concurrent = new AtomicInteger();
        private final AtomicInteger maxConcurrent = new AtomicInteger();
        private final AtomicInteger appends = new AtomicInteger();
        private final List<Long> checkpoints = Collections.synchronizedList(new ArrayList<>());
        private final List<Long> offsets = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean everyCheckpointCoveredByAppends = true;
        private volatile long failAtOffset = -1;

        private MemorySink(final int length, final long delayMillis) {
            this.bytes = new byte[length];
            this.delayMillis = delayMillis;
            this.appended = new boolean[length];
        }

        @Override
        public void append(final byte[] buffer, final int length, final long position) {
            appends.incrementAndGet();
            final int now = concurrent.incrementAndGet();
            maxConcurrent.accumulateAndGet(now, Math::max);
            try {
                if (position == failAtOffset) {
                    throw new IllegalStateException("boom at " + position);
                }
                Thread.sleep(delayMillis + (position / CHUNK) % 3);
                System.arraycopy(buffer, 0, bytes, (int) position, length);
                synchronized (appended) {
                    Arrays.fill(appended, (int) position, (int) position + length, true);
                }
                offsets.add(position);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                concurrent.decrementAndGet();
            }
        }

        @Override
        public void checkpoint(final long committedLength) {
            synchronized (appended) {
                for (int i = 0; i < committedLength; i++) {
                    if (!appended[i]) {
                        everyCheckpointCoveredByAppends = false;
                    }
                }
            }
            checkpoints.add(committedLength);
        }

        private long lowestAppendedOffset() {
            return offsets.stream().mapToLong(Long::longValue).min().orElse(-1);
        }
    }
}
