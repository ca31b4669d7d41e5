package io.nififusion.core.copy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Streams a byte range from a {@link ChunkSource} to a {@link ChunkSink} in chunks, like ABFS's output stream:
 * position-addressed appends uploaded in parallel through a bounded executor, the first error kept and rethrown.
 * <p>
 * A sliding window of at most {@code parallelism} chunks is in flight, each with its own buffer, so heap use is about
 * chunk size × parallelism per file. Executor threads read a chunk (positioned read) and append it; the calling
 * thread feeds the chunks to the digests strictly in order while the uploads run, because MD5 has to see the file in
 * order. Every {@code checkpointInterval} chunks the contiguous committed prefix is flushed, so a retry resumes there.
 */
public final class ChunkedCopier {
    private final ChunkPlanner planner;
    private final int parallelism;
    private final int checkpointInterval;
    private final Executor executor;
    private final BandwidthThrottle throttle;
    private final ReplicationErrorClassifier classifier;

    /**
     * @param chunkSize bytes per append
     * @param parallelism chunks in flight per file
     * @param checkpointInterval chunks between checkpoints, 0 for none
     * @param executor runs reads and appends; shared by copies, bounded by the caller
     * @param throttle the node's bandwidth limit
     * @param classifier turns source and target failures into coded errors
     */
    public ChunkedCopier(final int chunkSize, final int parallelism, final int checkpointInterval, final Executor executor,
                         final BandwidthThrottle throttle, final ReplicationErrorClassifier classifier) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("Parallelism must be at least 1, got " + parallelism);
        }
        this.planner = new ChunkPlanner(chunkSize);
        this.parallelism = parallelism;
        this.checkpointInterval = Math.max(0, checkpointInterval);
        this.executor = executor;
        this.throttle = throttle;
        this.classifier = classifier;
    }

    public ChunkPlanner getPlanner() {
        return planner;
    }

    /**
     * Copies {@code [startOffset, length)}. The digests must already hold bytes {@code [0, startOffset)}.
     *
     * @param keepRunning checked between chunks; false stops the copy with {@link ReplicationErrorCode#INTERRUPTED}
     * @return bytes transferred
     */
    public long copy(final ChunkSource source, final ChunkSink sink, final long startOffset, final long length,
                     final FileDigests digests, final BooleanSupplier keepRunning) throws ReplicationException {
        final List<Chunk> chunks = planner.plan(startOffset, length);
        if (chunks.isEmpty()) {
            return 0;
        }
        if (chunks.size() == 1 || parallelism == 1) {
            copySequentially(source, sink, chunks, digests, keepRunning);
        } else {
            copyInParallel(source, sink, chunks, digests, keepRunning);
        }
        return length - startOffset;
    }

    /** Feeds {@code [0, length)} of the source to the digests, for a copy that resumes at {@code length}. */
    public void digestPrefix(final ChunkSource source, final long length, final FileDigests digests, final BooleanSupplier keepRunning)
            throws ReplicationException {
        final byte[] buffer = new byte[(int) Math.min(planner.getChunkSize(), Math.max(1, length))];
        for (final Chunk chunk : new ChunkPlanner(buffer.length).plan(0, length)) {
            checkRunning(keepRunning);
            readChunk(source, chunk, buffer);
            digests.update(buffer, 0, chunk.length());
        }
    }

    private void copySequentially(final ChunkSource source, final ChunkSink sink, final List<Chunk> chunks, final FileDigests digests,
                                  final BooleanSupplier keepRunning) throws ReplicationException {
        final byte[] buffer = new byte[chunks.getFirst().length()];
        for (final Chunk chunk : chunks) {
            checkRunning(keepRunning);
            acquireBandwidth(chunk.length());
            readChunk(source, chunk, buffer);
            digests.update(buffer, 0, chunk.length());
            try {
                sink.append(buffer, chunk.length(), chunk.offset());
                checkpointAfter(sink, chunks, chunk);
            } catch (final RuntimeException e) {
                throw asReplicationException(e);
            }
        }
    }

    private void copyInParallel(final ChunkSource source, final ChunkSink sink, final List<Chunk> chunks, final FileDigests digests,
                                final BooleanSupplier keepRunning) throws ReplicationException {
        final int count = chunks.size();
        final AtomicBoolean abandoned = new AtomicBoolean();
        final Deque<byte[]> freeBuffers = new ArrayDeque<>();
        @SuppressWarnings("unchecked")
        final CompletableFuture<byte[]>[] reads = new CompletableFuture[count];
        @SuppressWarnings("unchecked")
        final CompletableFuture<Void>[] uploads = new CompletableFuture[count];
        int submitted = 0;
        try {
            for (int index = 0; index < count; index++) {
                while (submitted < count && submitted < index + parallelism) {
                    final Chunk chunk = chunks.get(submitted);
                    final byte[] buffer = freeBuffers.isEmpty() ? new byte[planner.getChunkSize()] : freeBuffers.pop();
                    reads[submitted] = CompletableFuture.supplyAsync(() -> readInTask(source, chunk, buffer, abandoned), executor);
                    uploads[submitted] = reads[submitted].thenAcceptAsync(read -> sink.append(read, chunk.length(), chunk.offset()), executor);
                    submitted++;
                }
                checkRunning(keepRunning);
                final Chunk chunk = chunks.get(index);
                final byte[] buffer = reads[index].join();
                digests.update(buffer, 0, chunk.length());
                uploads[index].join();
                freeBuffers.push(buffer);
                checkpointAfter(sink, chunks, chunk);
            }
        } catch (final CompletionException e) {
            abandon(abandoned, uploads, submitted);
            throw asReplicationException(e.getCause() == null ? e : e.getCause());
        } catch (final ReplicationException e) {
            abandon(abandoned, uploads, submitted);
            throw e;
        } catch (final RuntimeException e) {
            abandon(abandoned, uploads, submitted);
            throw asReplicationException(e);
        }
    }

    private byte[] readInTask(final ChunkSource source, final Chunk chunk, final byte[] buffer, final AtomicBoolean abandoned) {
        if (abandoned.get()) {
            throw new CompletionException(new ReplicationException(ReplicationErrorCode.INTERRUPTED, "Copy abandoned", null));
        }
        try {
            acquireBandwidth(chunk.length());
            readChunk(source, chunk, buffer);
            return buffer;
        } catch (final ReplicationException e) {
            throw new CompletionException(e);
        }
    }

    /** Lets the chunks in flight end before returning, so no append of this copy runs after the caller moves on. */
    private static void abandon(final AtomicBoolean abandoned, final CompletableFuture<Void>[] uploads, final int submitted) {
        abandoned.set(true);
        for (int index = 0; index < submitted; index++) {
            try {
                uploads[index].join();
            } catch (final RuntimeException ignored) {
                // the first failure is the one reported
            }
        }
    }

    private void checkpointAfter(final ChunkSink sink, final List<Chunk> chunks, final Chunk chunk) {
        final boolean last = chunk.index() == chunks.size() - 1;
        if (checkpointInterval > 0 && !last && (chunk.index() + 1) % checkpointInterval == 0) {
            sink.checkpoint(chunk.end());
        }
    }

    private void acquireBandwidth(final int bytes) throws ReplicationException {
        try {
            throttle.acquire(bytes);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplicationException(ReplicationErrorCode.INTERRUPTED, "Interrupted while waiting for bandwidth", e);
        }
    }

    private void readChunk(final ChunkSource source, final Chunk chunk, final byte[] buffer) throws ReplicationException {
        try {
            source.readFully(chunk.offset(), buffer, 0, chunk.length());
        } catch (final IOException e) {
            throw classifier.classify(e, "Reading source bytes " + chunk.offset() + "-" + chunk.end());
        }
    }

    private static void checkRunning(final BooleanSupplier keepRunning) throws ReplicationException {
        if (!keepRunning.getAsBoolean()) {
            throw new ReplicationException(ReplicationErrorCode.INTERRUPTED, "Copy stopped because the processor is no longer scheduled", null);
        }
    }

    private ReplicationException asReplicationException(final Throwable cause) {
        return classifier.classify(cause, "Appending to the temp file");
    }
}
