package io.nififusion.bench.workload;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Production writing at a fixed rate: a new small file started every 1/rate seconds (on a pool, so a slow close does
 * not delay the next start), each closed as soon as written; records when each {@code close()} returned (epoch
 * microseconds, the machine's clock, shared with the pipeline's JVM).
 */
public final class SteadyCloser {
    private static final byte[] CONTENT = new byte[1024];

    private final FileSystem fileSystem;
    private final Clock clock;

    public SteadyCloser(final FileSystem fileSystem, final Clock clock) {
        this.fileSystem = fileSystem;
        this.clock = clock;
    }

    /** @return path → when its close() returned */
    public Map<String, Long> write(final String directory, final int closesPerSecond, final int files) throws IOException {
        final Map<String, Long> closedAt = new ConcurrentHashMap<>();
        final AtomicInteger next = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        final ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            final long periodMicros = 1_000_000L / closesPerSecond;
            final ScheduledFuture<?> schedule = ticks.scheduleAtFixedRate(() -> {
                final int file = next.getAndIncrement();
                if (file >= files) {
                    return;
                }
                writers.submit(() -> {
                    final String path = directory + String.format("/f-%06d", file);
                    try (FSDataOutputStream out = fileSystem.create(new Path(path), false)) {
                        out.write(CONTENT);
                    } catch (final IOException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    closedAt.put(path, ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()));
                });
            }, 0, periodMicros, TimeUnit.MICROSECONDS);
            while (next.get() < files && failure.get() == null) {
                Thread.sleep(50);
            }
            schedule.cancel(false);
            writers.shutdown();
            if (!writers.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new IOException("The writers did not finish");
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while writing", e);
        } finally {
            ticks.shutdownNow();
            writers.shutdownNow();
        }
        if (failure.get() != null) {
            throw new IOException("A write failed: " + failure.get().getMessage(), failure.get());
        }
        return closedAt;
    }
}
