package io.nififusion.processors.list;

import io.nififusion.core.listing.ExclusionFilter;
import io.nififusion.core.listing.HdfsDirectoryLister;
import io.nififusion.core.listing.ListingState;
import io.nififusion.core.listing.ScanCursor;
import io.nififusion.core.listing.ScanWalker;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Heap used by ListHDFSChanges while it scans a namespace of (by default) 100 directories × 1,000 files, measured
 * after a full GC at intervals, next to the heap that holding the whole listing at once takes. Not a test: run
 * {@code main} (arguments: directories, files per directory, max records per trigger).
 */
public final class ScanMemoryBenchmark {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ScanMemoryBenchmark() {
    }

    public static void main(final String[] arguments) throws Exception {
        final int directories = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 100;
        final int filesPerDirectory = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 1_000;
        final int maxRecords = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 500;
        final MiniDfsExtension hdfs = MiniDfsExtension.builder().build();
        hdfs.start();
        try {
            final long createStart = System.nanoTime();
            createNamespace(hdfs.getFileSystem(), directories, filesPerDirectory);
            final long entries = 1L + directories + (long) directories * filesPerDirectory;
            System.out.printf("created %,d entries in %.1f s%n", entries, (System.nanoTime() - createStart) / 1e9);

            final String configuration = hdfs.writeClientConfiguration(Files.createTempDirectory("scan-benchmark")).toString();
            final TestRunner runner = ListingRunners.newRunner(configuration, "/bench");
            runner.setProperty(ListHDFSChanges.CHANGE_CAPTURE_MODE, ChangeCaptureMode.SCAN_ONLY.getValue());
            runner.setProperty(ListHDFSChanges.MAX_RECORDS_PER_TRIGGER, Integer.toString(maxRecords));

            final long baseline = usedHeapAfterGc();
            System.out.printf("baseline heap after GC: %.1f MiB; max records per trigger %d%n", baseline / 1048576.0, maxRecords);
            System.out.println("records emitted | heap used after GC (MiB) | above baseline (MiB) | state cursor bytes");
            long emitted = 0;
            long peak = 0;
            int triggers = 0;
            final long scanStart = System.nanoTime();
            boolean first = true;
            while (true) {
                runner.run(1, false, first);
                first = false;
                triggers++;
                final int batch = runner.getFlowFilesForRelationship(ListHDFSChanges.REL_SUCCESS).size();
                runner.clearTransferState();
                runner.clearProvenanceEvents();
                emitted += batch;
                if (batch == 0) {
                    break;
                }
                if (triggers % 20 == 0) {
                    final long used = usedHeapAfterGc();
                    peak = Math.max(peak, used);
                    System.out.printf("%,15d | %24.1f | %20.1f | %d%n", emitted, used / 1048576.0, (used - baseline) / 1048576.0,
                            ListingRunners.state(runner).get(ListingState.SCAN_CURSOR).length());
                }
            }
            final double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
            runner.stop();
            System.out.printf("scan: %,d records in %d triggers, %.1f s (%.0f records/s); peak heap above baseline %.1f MiB%n",
                    emitted, triggers, scanSeconds, emitted / scanSeconds, (peak - baseline) / 1048576.0);

            walkerAlone(hdfs.getFileSystem());

            final long beforeHolding = usedHeapAfterGc();
            final List<FileStatus> everything = listEverything(hdfs.getFileSystem(), new Path("/bench"));
            final long holding = usedHeapAfterGc();
            System.out.printf("for comparison, holding the whole listing (%,d statuses) takes %.1f MiB%n", everything.size(),
                    (holding - beforeHolding) / 1048576.0);
        } finally {
            hdfs.stop();
        }
    }

    /** The same scan through the core walker alone, without the NiFi test harness that keeps per-FlowFile bookkeeping. */
    private static void walkerAlone(final DistributedFileSystem fileSystem) throws IOException {
        final ScanWalker walker = new ScanWalker(new HdfsDirectoryLister(fileSystem), ExclusionFilter.none(), ScanCursor.startingAt(List.of("/bench")));
        final long baseline = usedHeapAfterGc();
        long walked = 0;
        long peak = baseline;
        while (walker.next() != null) {
            walked++;
            if (walked % 20_000 == 0) {
                final long used = usedHeapAfterGc();
                peak = Math.max(peak, used);
                System.out.printf("walker alone: %,d entries, heap above baseline %.2f MiB, depth %d%n", walked, (used - baseline) / 1048576.0,
                        walker.getDepth());
            }
        }
        System.out.printf("walker alone: %,d entries, peak heap above baseline %.2f MiB%n", walked, (peak - baseline) / 1048576.0);
    }

    private static void createNamespace(final DistributedFileSystem fileSystem, final int directories, final int filesPerDirectory) throws Exception {
        final ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            final List<Future<?>> futures = new ArrayList<>();
            for (int directory = 0; directory < directories; directory++) {
                final String parent = String.format("/bench/d%04d", directory);
                futures.add(executor.submit(() -> {
                    fileSystem.mkdirs(new Path(parent));
                    for (int file = 0; file < filesPerDirectory; file++) {
                        fileSystem.create(new Path(parent, String.format("part-%05d", file))).close();
                    }
                    return null;
                }));
            }
            for (final Future<?> future : futures) {
                future.get();
            }
        } finally {
            executor.shutdown();
        }
    }

    private static List<FileStatus> listEverything(final DistributedFileSystem fileSystem, final Path root) throws IOException {
        final List<FileStatus> all = new ArrayList<>();
        final List<Path> directories = new ArrayList<>(List.of(root));
        while (!directories.isEmpty()) {
            final Path directory = directories.removeLast();
            for (final FileStatus status : fileSystem.listStatus(directory)) {
                all.add(status);
                if (status.isDirectory()) {
                    directories.add(status.getPath());
                }
            }
        }
        return all;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
