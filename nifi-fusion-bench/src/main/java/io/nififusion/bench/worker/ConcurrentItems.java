package io.nififusion.bench.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Items worked through by a fixed number of threads, each taking the next item when done; the first failure is rethrown. */
final class ConcurrentItems {

    interface ItemAction<T> {
        void apply(T item) throws Exception;
    }

    private ConcurrentItems() {
    }

    static <T> void forEach(final List<T> items, final int threads, final ItemAction<T> action) throws Exception {
        if (threads <= 1) {
            for (final T item : items) {
                action.apply(item);
            }
            return;
        }
        final ExecutorService executor = Executors.newFixedThreadPool(threads);
        final AtomicInteger next = new AtomicInteger();
        try {
            final List<Future<?>> workers = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                workers.add(executor.submit(() -> {
                    int index;
                    while ((index = next.getAndIncrement()) < items.size()) {
                        action.apply(items.get(index));
                    }
                    return null;
                }));
            }
            for (final Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (final ExecutionException e) {
                    next.set(items.size());
                    throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
