package io.nififusion.core.restore;

import io.nififusion.core.copy.ReplicationErrorClassifier;
import io.nififusion.core.copy.ReplicationErrorCode;
import io.nififusion.core.copy.ReplicationException;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

/**
 * The parts of one file written at once, each by its own HDFS writer from its own ranged read: parts an earlier attempt
 * finished are kept, the others go at most Parallel Parts at a time; the first failure ends the rest.
 */
final class ParallelPartWrites {
    private final PartWriter partWriter;
    private final int parallelParts;
    private final Executor executor;
    private final ReplicationErrorClassifier classifier;

    ParallelPartWrites(final PartWriter partWriter, final int parallelParts, final Executor executor, final ReplicationErrorClassifier classifier) {
        this.partWriter = partWriter;
        this.parallelParts = parallelParts;
        this.executor = executor;
        this.classifier = classifier;
    }

    /** Writes the parts not finished yet, at most Parallel Parts at once; null when the target version changed under them. */
    List<PartWriter.WrittenPart> write(final String targetPath, final String tempPath, final List<RestorePart> parts, final String etag,
                                     final BooleanSupplier keepRunning)
            throws IOException, ReplicationException {
        final List<CompletableFuture<PartWriter.WrittenPart>> futures = new ArrayList<>();
        final Semaphore slots = new Semaphore(parallelParts);
        Throwable failure = null;
        for (final RestorePart part : parts) {
            final Path partPath = new Path(RestoreTempNames.partPath(tempPath, part.index()));
            final PartWriter.WrittenPart finished = partWriter.finished(partPath, part, etag);
            if (finished != null) {
                futures.add(CompletableFuture.completedFuture(finished));
                continue;
            }
            if (!keepRunning.getAsBoolean()) {
                failure = new ReplicationException(ReplicationErrorCode.INTERRUPTED, "Restore stopped because the processor is no longer scheduled", null);
                break;
            }
            try {
                slots.acquire();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new ReplicationException(ReplicationErrorCode.INTERRUPTED, "Interrupted while restoring " + targetPath, e);
                break;
            }
            if (futures.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
                slots.release();
                break;
            }
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return partWriter.write(targetPath, etag, partPath, part, keepRunning);
                } catch (final ReplicationException | PartWriter.VersionChanged | IOException e) {
                    throw new CompletionException(e);
                } finally {
                    slots.release();
                }
            }, executor));
        }
        final List<PartWriter.WrittenPart> written = new ArrayList<>();
        for (final CompletableFuture<PartWriter.WrittenPart> future : futures) {
            try {
                written.add(future.join());
            } catch (final CompletionException e) {
                // the first failure is the one reported; a changed version outranks it, since looking again resolves both
                final Throwable cause = e.getCause() == null ? e : e.getCause();
                if (failure == null || cause instanceof PartWriter.VersionChanged) {
                    failure = cause;
                }
            }
        }
        if (failure instanceof PartWriter.VersionChanged) {
            return null;
        }
        if (failure instanceof ReplicationException replicationException) {
            throw replicationException;
        }
        if (failure != null) {
            throw classifier.classify(failure, "Restoring " + targetPath);
        }
        return written;
    }
}
