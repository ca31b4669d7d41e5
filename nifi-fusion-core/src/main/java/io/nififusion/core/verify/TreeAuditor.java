package io.nififusion.core.verify;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathItem;
import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.path.ChildrenMerge;
import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.path.UnsupportedTargetPathException;
import io.nififusion.core.target.TargetDirectoryListing;
import io.nififusion.core.trash.TrashLayout;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Walks a source tree and its mapped target tree together and reports every difference. Both sides are listed one
 * directory at a time without recursion (the HDFS listing streamed with {@code listStatusIterator}, the ADLS listing
 * paged), each directory's entries are sorted by name and merged, and subdirectories wait on an explicit stack: memory
 * is bounded by the largest directory and the depth of the tree, not by the size of the namespace. A recursive ADLS
 * listing is not used because its order is not the order of a depth-first walk of the source.
 * <p>
 * Files present on both sides are compared by a {@link FileVerifier} on a bounded pool of threads, so checksum calls
 * and target reads overlap; differences reach the {@link DifferenceSink} one at a time. When metadata is compared,
 * directories present on both sides (the root included) have their permission bits compared on the same pool.
 */
public final class TreeAuditor {
    private final FileSystem sourceFileSystem;
    private final DataLakeFileSystemClient targetFileSystem;
    private final TargetPathMapper pathMapper;
    private final FileVerifier fileVerifier;
    private final ExclusionFilter exclusions;
    private final int threads;
    private final int listPageSize;
    private final Clock clock;
    private final UnaryOperator<Runnable> taskWrapper;

    /**
     * @param threads files compared at once
     * @param listPageSize entries per page of the target listing (ADLS caps it at 5000)
     * @param taskWrapper wraps each comparison run on the pool, for example to run it as the source cluster's user; null for none
     */
    public TreeAuditor(final FileSystem sourceFileSystem, final DataLakeFileSystemClient targetFileSystem, final TargetPathMapper pathMapper,
                       final FileVerifier fileVerifier, final ExclusionFilter exclusions, final int threads, final int listPageSize, final Clock clock,
                       final UnaryOperator<Runnable> taskWrapper) {
        this.sourceFileSystem = Objects.requireNonNull(sourceFileSystem, "Source file system required");
        this.targetFileSystem = Objects.requireNonNull(targetFileSystem, "Target file system required");
        this.pathMapper = Objects.requireNonNull(pathMapper, "Path mapper required");
        this.fileVerifier = Objects.requireNonNull(fileVerifier, "File verifier required");
        this.exclusions = exclusions == null ? ExclusionFilter.none() : exclusions;
        if (threads < 1 || listPageSize < 1) {
            throw new IllegalArgumentException("Threads and list page size must be positive");
        }
        this.threads = threads;
        this.listPageSize = listPageSize;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.taskWrapper = taskWrapper == null ? UnaryOperator.identity() : taskWrapper;
    }

    /**
     * Audits the tree under the source root.
     *
     * @param keepRunning checked between directories; when it turns false the audit stops with {@link AuditCancelledException}
     * @throws FileNotFoundException when the source root does not exist
     */
    public AuditSummary audit(final String sourceRoot, final DifferenceSink sink, final BooleanSupplier keepRunning) throws IOException, InterruptedException {
        final String normalizedRoot = new Path(sourceRoot).toUri().getPath();
        final String targetRoot = pathMapper.toTargetPath(normalizedRoot);
        final AuditSummary summary = new AuditSummary(normalizedRoot, targetRoot, fileVerifier.getOptions().depth(), clock.instant());
        final SerialSink serialSink = new SerialSink(sink, summary);

        final SourceFileState rootState = SourceFileState.of(normalizedRoot, sourceFileSystem.getFileStatus(new Path(normalizedRoot)));
        final TargetFileState targetRootState = targetRoot.isEmpty() ? new TargetFileState("", true, 0, null, null, false) : fileVerifier.fetchTarget(targetRoot);
        if (!rootState.directory() || targetRootState == null || !targetRootState.directory()) {
            final FileVerification verification = fileVerifier.compare(rootState, targetRoot, targetRootState);
            if (!rootState.directory() && targetRootState != null && !targetRootState.directory()) {
                summary.countFile(verification);
            }
            final Difference difference = Difference.of(verification);
            if (difference != null) {
                serialSink.accept(difference);
            }
            summary.finish(clock.instant());
            return summary;
        }

        if (fileVerifier.getOptions().compareMetadata() && !targetRoot.isEmpty()) {
            // the root's own permission bits; those of the filesystem root are not the replicator's to set
            final Difference rootDifference = Difference.of(fileVerifier.compare(rootState, targetRoot, targetRootState));
            if (rootDifference != null) {
                serialSink.accept(rootDifference);
            }
        }

        final ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            final Thread thread = new Thread(runnable, "verify-tree-" + normalizedRoot);
            thread.setDaemon(true);
            return thread;
        });
        final Semaphore inFlight = new Semaphore(threads * 2);
        final AtomicReference<Exception> sinkFailure = new AtomicReference<>();
        try {
            final Deque<String> pending = new ArrayDeque<>();
            pending.push(normalizedRoot);
            while (!pending.isEmpty()) {
                if (!keepRunning.getAsBoolean()) {
                    throw new AuditCancelledException("Audit of " + normalizedRoot + " stopped before it covered the whole tree");
                }
                rethrow(sinkFailure.get());
                final String directory = pending.pop();
                final List<String> subdirectories = compareDirectory(directory, serialSink, executor, inFlight, sinkFailure);
                for (int i = subdirectories.size() - 1; i >= 0; i--) {
                    pending.push(subdirectories.get(i));
                }
            }
            // Wait for the last comparisons: every permit back means every task finished
            inFlight.acquire(threads * 2);
            inFlight.release(threads * 2);
            rethrow(sinkFailure.get());
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(1, TimeUnit.MINUTES);
        }
        summary.finish(clock.instant());
        return summary;
    }

    /** Compares the direct children of one directory; returns the subdirectories present on both sides, sorted. */
    private List<String> compareDirectory(final String sourceDirectory, final SerialSink sink, final ExecutorService executor, final Semaphore inFlight,
                                          final AtomicReference<Exception> sinkFailure) throws IOException, InterruptedException {
        sink.summary.countDirectory();
        final String targetDirectory = pathMapper.toTargetPath(sourceDirectory);
        final SortedMap<String, FileStatus> sourceChildren;
        try {
            sourceChildren = listSource(sourceDirectory);
        } catch (final FileNotFoundException e) {
            sink.accept(Difference.of(DifferenceKind.CHANGED, sourceDirectory, targetDirectory, true, "The source directory was deleted during the audit"));
            return List.of();
        }
        final SortedMap<String, PathItem> targetChildren = listTarget(targetDirectory);

        final List<String> subdirectories = new ArrayList<>();
        for (final ChildrenMerge.Pair<FileStatus, PathItem> child : new ChildrenMerge<>(sourceChildren, targetChildren)) {
            final String sourcePath = child(sourceDirectory, child.name());
            if (child.target() == null) {
                final boolean directory = child.source().isDirectory();
                final long length = directory ? -1 : child.source().getLen();
                try {
                    sink.accept(new Difference(DifferenceKind.MISSING, sourcePath, pathMapper.toTargetPath(sourcePath), directory, length, -1, null, null, null));
                } catch (final UnsupportedTargetPathException e) {
                    // missing for good: the replicator refuses the path before any request, the report says why
                    sink.accept(new Difference(DifferenceKind.ERROR, sourcePath, null, directory, length, -1, null, null, e.getMessage()));
                }
            } else if (child.source() == null) {
                final PathItem item = child.target();
                sink.accept(new Difference(DifferenceKind.EXTRA, sourcePath, item.getName(), item.isDirectory(),
                        -1, item.isDirectory() ? -1 : item.getContentLength(), null, null, null));
            } else {
                final SourceFileState sourceState = SourceFileState.of(sourcePath, child.source());
                final TargetFileState targetState = TargetFileState.of(child.target());
                if (sourceState.directory() && targetState.directory()) {
                    subdirectories.add(sourcePath);
                    if (fileVerifier.getOptions().compareMetadata()) {
                        submitComparison(sourceState, targetState, sink, executor, inFlight, sinkFailure);
                    }
                } else if (sourceState.directory() != targetState.directory()) {
                    sink.accept(Difference.of(fileVerifier.compare(sourceState, targetState.path(), targetState)));
                } else {
                    submitComparison(sourceState, targetState, sink, executor, inFlight, sinkFailure);
                }
            }
        }
        return subdirectories;
    }

    private void submitComparison(final SourceFileState sourceState, final TargetFileState targetState, final SerialSink sink, final ExecutorService executor,
                                  final Semaphore inFlight, final AtomicReference<Exception> sinkFailure) throws InterruptedException {
        final Runnable comparison = () -> {
            try {
                final FileVerification verification = fileVerifier.compare(sourceState, targetState.path(), targetState);
                if (!sourceState.directory()) {
                    sink.summary.countFile(verification);
                }
                final Difference difference = Difference.of(verification);
                if (difference != null) {
                    sink.accept(difference);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (final IOException e) {
                reportError(sourceState, targetState, sink, sinkFailure, e);
            }
        };
        final Runnable wrapped = taskWrapper.apply(comparison);
        inFlight.acquire();
        try {
            executor.execute(() -> {
                try {
                    wrapped.run();
                } catch (final RuntimeException e) {
                    reportError(sourceState, targetState, sink, sinkFailure, e);
                } finally {
                    inFlight.release();
                }
            });
        } catch (final RuntimeException e) {
            inFlight.release();
            throw e;
        }
    }

    private static void reportError(final SourceFileState sourceState, final TargetFileState targetState, final SerialSink sink,
                                    final AtomicReference<Exception> sinkFailure, final Exception failure) {
        try {
            sink.accept(new Difference(DifferenceKind.ERROR, sourceState.path(), targetState.path(), sourceState.directory(),
                    sourceState.directory() ? -1 : sourceState.length(), targetState.directory() ? -1 : targetState.length(),
                    null, null, failure.getClass().getSimpleName() + ": " + failure.getMessage()));
        } catch (final IOException e) {
            sinkFailure.compareAndSet(null, e);
        }
    }

    private SortedMap<String, FileStatus> listSource(final String directory) throws IOException {
        final SortedMap<String, FileStatus> children = new TreeMap<>();
        final RemoteIterator<FileStatus> iterator = sourceFileSystem.listStatusIterator(new Path(directory));
        while (iterator.hasNext()) {
            final FileStatus status = iterator.next();
            final String name = status.getPath().getName();
            if (!exclusions.isExcluded(child(directory, name))) {
                children.put(name, status);
            }
        }
        return children;
    }

    private SortedMap<String, PathItem> listTarget(final String directory) {
        final SortedMap<String, PathItem> children = TargetDirectoryListing.children(targetFileSystem, directory, listPageSize);
        final TrashLayout trash = new TrashLayout(pathMapper.getTargetRoot());
        // the trash beside the live tree holds what the source deleted: no difference of the live tree
        children.values().removeIf(item -> trash.isTrash(item.getName()) || exclusions.isExcluded(pathMapper.toSourcePath(item.getName())));
        return children;
    }

    private static String child(final String directory, final String name) {
        return directory.endsWith("/") ? directory + name : directory + "/" + name;
    }

    private static void rethrow(final Exception failure) throws IOException {
        if (failure instanceof IOException ioFailure) {
            throw ioFailure;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
    }

    /** Counts each difference and hands it to the caller's sink one at a time. */
    private static final class SerialSink {
        private final DifferenceSink delegate;
        private final AuditSummary summary;

        private SerialSink(final DifferenceSink delegate, final AuditSummary summary) {
            this.delegate = delegate;
            this.summary = summary;
        }

        private synchronized void accept(final Difference difference) throws IOException {
            summary.countDifference(difference.kind());
            delegate.accept(difference);
        }
    }
}
