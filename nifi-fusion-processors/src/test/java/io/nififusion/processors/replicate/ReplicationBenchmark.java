package io.nififusion.processors.replicate;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathHttpHeaders;
import com.azure.storage.file.datalake.options.DataLakeFileAppendOptions;
import com.azure.storage.file.datalake.options.DataLakeFileFlushOptions;
import com.sun.management.OperatingSystemMXBean;
import io.nififusion.core.listing.OperationFactory;
import io.nififusion.core.operation.ChangeSource;
import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.core.target.TargetVersion;
import io.nififusion.processors.FusionTestServices;
import io.nififusion.testkit.adls.AdlsEmulator;
import io.nififusion.testkit.hdfs.MiniDfsExtension;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;

/**
 * Throughput of ReplicateToADLS into the ADLS emulator, measured side by side in one run (not a test) against two
 * references on the same bytes: a raw HDFS read to nowhere (the source ceiling) and the Azure SDK uploading the bytes
 * from memory into the same emulator with the same chunking (the sink ceiling: parallel appends, each with its
 * Content-MD5, then one flush with the whole file's Content-MD5). Checksums are always on for ReplicateToADLS: MD5 of
 * the whole file (Content-MD5 of the flush), an MD5 per append, CRC32C recorded as metadata.
 * <p>
 * The emulator runs in this JVM, so on a small machine it takes CPU from the copier: the ratio to the SDK upload says
 * how much of what the sink allows the copier reaches; the ratio to the raw read is the one the target names.
 * Each phase also prints the process CPU time per MiB (copier and emulator together).
 * <p>
 * Flags: {@code --files N} (4), {@code --size-mib N} (256), {@code --chunk-mib N} (8), {@code --parallel N} (4),
 * {@code --tasks N} concurrent tasks (1), {@code --rounds N} measured rounds (2), {@code --emulator-flush-md5 0|1} (0: the
 * emulator stores the flush's Content-MD5 without recomputing it over the whole file, as ADLS documents; 1: it checks it),
 * {@code --small-files N} also copies N files of 16 KiB and prints files per second (0).
 */
public final class ReplicationBenchmark {
    private static final int MIB = 1024 * 1024;
    private static final String FILESYSTEM = "benchmark";

    private ReplicationBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int files = flag(args, "--files", 4);
        final int sizeMib = flag(args, "--size-mib", 256);
        final int chunkMib = flag(args, "--chunk-mib", 8);
        final int parallel = flag(args, "--parallel", 4);
        final int tasks = flag(args, "--tasks", 1);
        final int rounds = flag(args, "--rounds", 2);
        final boolean emulatorFlushMd5 = flag(args, "--emulator-flush-md5", 0) == 1;
        final int smallFiles = flag(args, "--small-files", 0);
        final long totalBytes = (long) files * sizeMib * MIB;
        System.out.printf(Locale.ROOT, "ReplicationBenchmark: %d files x %d MiB, chunk %d MiB, %d parallel chunks, %d tasks, %d round(s), %d CPUs, "
                        + "emulator flush MD5 check %s%n",
                files, sizeMib, chunkMib, parallel, tasks, rounds, Runtime.getRuntime().availableProcessors(), emulatorFlushMd5 ? "on" : "off");

        final java.nio.file.Path work = Files.createTempDirectory("replication-benchmark");
        final MiniDfsExtension hdfs = MiniDfsExtension.builder().build();
        hdfs.start();
        final AdlsEmulator emulator = AdlsEmulator.builder().dataDirectory(work.resolve("adls")).build().start();
        emulator.setFlushMd5Checked(emulatorFlushMd5);
        try {
            final List<String> paths = writeSourceFiles(hdfs.getFileSystem(), files, sizeMib);
            final DataLakeFileSystemClient target = FusionTestServices.createFileSystem(emulator, FILESYSTEM);
            final TestRunner runner = processor(hdfs, emulator, work, chunkMib, parallel, tasks);

            // warm-up, not measured: the JIT compiles the read, copy and upload paths before the rounds
            readToNowhere(hdfs.getFileSystem(), paths);
            replicate(runner, hdfs.getFileSystem(), paths.subList(0, 1), tasks);
            target.getFileClient("landing" + paths.getFirst().substring("/data".length())).delete();
            uploadFromMemory(target, hdfs.getFileSystem(), paths.subList(0, 1), chunkMib * MIB, parallel);
            double readSum = 0;
            double replicateSum = 0;
            double uploadSum = 0;
            for (int round = 1; round <= rounds; round++) {
                final Phase read = Phase.start();
                readToNowhere(hdfs.getFileSystem(), paths);
                final Phase.Result readResult = read.end(totalBytes);
                final Phase replicate = Phase.start();
                replicate(runner, hdfs.getFileSystem(), paths, tasks);
                final Phase.Result replicateResult = replicate.end(totalBytes);
                checkTarget(target, hdfs.getFileSystem(), paths);
                for (final String path : paths) {
                    target.getFileClient("landing" + path.substring("/data".length())).delete();
                }
                final Phase.Result uploadResult = uploadFromMemory(target, hdfs.getFileSystem(), paths, chunkMib * MIB, parallel);
                readSum += readResult.mibPerSecond();
                replicateSum += replicateResult.mibPerSecond();
                uploadSum += uploadResult.mibPerSecond();
                System.out.printf(Locale.ROOT, "round %d: raw HDFS read %s | ReplicateToADLS %s | SDK upload from memory %s | "
                                + "ratio to read %.2f, ratio to SDK upload %.2f%n",
                        round, readResult, replicateResult, uploadResult, replicateResult.mibPerSecond() / readResult.mibPerSecond(),
                        replicateResult.mibPerSecond() / uploadResult.mibPerSecond());
            }
            System.out.printf(Locale.ROOT, "RESULT raw HDFS read %.0f MiB/s, ReplicateToADLS %.0f MiB/s, SDK upload from memory %.0f MiB/s, "
                            + "ReplicateToADLS/read %.2f, ReplicateToADLS/SDK upload %.2f (%d x %d MiB, chunk %d MiB, %d parallel, checksums on)%n",
                    readSum / rounds, replicateSum / rounds, uploadSum / rounds, replicateSum / readSum, replicateSum / uploadSum,
                    files, sizeMib, chunkMib, parallel);
            if (smallFiles > 0) {
                final List<String> small = new ArrayList<>();
                final byte[] content = new byte[16 * 1024];
                for (int file = 0; file < smallFiles; file++) {
                    final String path = "/data/small/dir-" + file % 10 + "/part-" + file;
                    try (FSDataOutputStream out = hdfs.getFileSystem().create(new Path(path), true)) {
                        out.write(content);
                    }
                    small.add(path);
                }
                final double seconds = replicate(runner, hdfs.getFileSystem(), small, tasks);
                System.out.printf(Locale.ROOT, "SMALL %d files of 16 KiB: %.0f files/s with %d task(s)%n", smallFiles, smallFiles / seconds, tasks);
            }
        } finally {
            emulator.close();
            hdfs.stop();
        }
        System.exit(0);
    }

    private static List<String> writeSourceFiles(final FileSystem fileSystem, final int files, final int sizeMib) throws IOException {
        final List<String> paths = new ArrayList<>();
        final byte[] block = new byte[MIB];
        final Random random = new Random(42);
        for (int file = 0; file < files; file++) {
            final String path = "/data/bench/file-" + file + ".bin";
            try (FSDataOutputStream out = fileSystem.create(new Path(path), true)) {
                for (int mib = 0; mib < sizeMib; mib++) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
            paths.add(path);
        }
        return paths;
    }

    /** Sequential read of every file into a reused buffer: what the source can give one reader. */
    private static void readToNowhere(final FileSystem fileSystem, final List<String> paths) throws IOException {
        final byte[] buffer = new byte[8 * MIB];
        long bytes = 0;
        for (final String path : paths) {
            try (FSDataInputStream in = fileSystem.open(new Path(path))) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    bytes += read;
                }
            }
        }
        if (bytes == 0) {
            throw new IllegalStateException("nothing read");
        }
    }

    /**
     * The sink ceiling: each file's bytes, already in memory, uploaded by the SDK the way ReplicateToADLS does it, with
     * {@code parallel} appends in flight, each carrying its Content-MD5 (computed in the timed part, as the copier does),
     * then one flush with the whole file's Content-MD5 (computed beforehand: the copier's in-order digest is not part of
     * the sink's cost). Files go one after the other, like one task. Only the uploads are timed.
     */
    private static Phase.Result uploadFromMemory(final DataLakeFileSystemClient target, final FileSystem fileSystem, final List<String> paths,
                                                 final int chunkSize, final int parallel) throws Exception {
        final ExecutorService executor = Executors.newFixedThreadPool(parallel);
        long nanos = 0;
        long cpuNanos = 0;
        long bytes = 0;
        try {
            for (final String path : paths) {
                final byte[] content = readAll(fileSystem, path);
                final byte[] fileMd5 = md5(content, 0, content.length);
                final DataLakeFileClient file = target.getFileClient("sdk" + path.substring("/data".length()));
                final Phase phase = Phase.start();
                file.create(true);
                final List<Future<?>> appends = new ArrayList<>();
                for (long offset = 0; offset < content.length; offset += chunkSize) {
                    final int start = (int) offset;
                    final int length = Math.min(chunkSize, content.length - start);
                    appends.add(executor.submit(() -> {
                        final DataLakeFileAppendOptions options = new DataLakeFileAppendOptions().setContentHash(md5(content, start, length));
                        file.appendWithResponse(BinaryData.fromByteBuffer(ByteBuffer.wrap(content, start, length).slice()), start, options, null,
                                Context.NONE);
                        return null;
                    }));
                }
                for (final Future<?> append : appends) {
                    append.get();
                }
                file.flushWithResponse(content.length, new DataLakeFileFlushOptions().setClose(true)
                        .setPathHttpHeaders(new PathHttpHeaders().setContentMd5(fileMd5)), null, Context.NONE);
                final Phase.Result result = phase.end(content.length);
                nanos += result.nanos();
                cpuNanos += result.cpuNanos();
                bytes += content.length;
                if (file.getProperties().getFileSize() != content.length) {
                    throw new IllegalStateException("SDK upload of " + path + " has the wrong length");
                }
                file.delete();
            }
        } finally {
            executor.shutdownNow();
        }
        return new Phase.Result(bytes, nanos, cpuNanos);
    }

    private static byte[] readAll(final FileSystem fileSystem, final String path) throws IOException {
        final byte[] content = new byte[(int) fileSystem.getFileStatus(new Path(path)).getLen()];
        try (FSDataInputStream in = fileSystem.open(new Path(path))) {
            in.readFully(0, content, 0, content.length);
        }
        return content;
    }

    private static byte[] md5(final byte[] buffer, final int offset, final int length) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(buffer, offset, length);
            return digest.digest();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wall and process CPU time of one measured phase. */
    private record Phase(long startNanos, long startCpuNanos) {
        static Phase start() {
            return new Phase(System.nanoTime(), processCpuNanos());
        }

        Result end(final long bytes) {
            return new Result(bytes, System.nanoTime() - startNanos, processCpuNanos() - startCpuNanos);
        }

        private static long processCpuNanos() {
            return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        record Result(long bytes, long nanos, long cpuNanos) {
            double mibPerSecond() {
                return bytes / (double) MIB / (nanos / 1e9);
            }

            double cpuMillisPerMib() {
                return cpuNanos / 1e6 / (bytes / (double) MIB);
            }

            @Override
            public String toString() {
                return String.format(Locale.ROOT, "%.0f MiB/s (%.2f s, %.1f CPU-ms/MiB)", mibPerSecond(), nanos / 1e9, cpuMillisPerMib());
            }
        }
    }

    /** @return seconds the processor took for all the records */
    private static double replicate(final TestRunner runner, final FileSystem fileSystem, final List<String> paths, final int tasks) throws IOException {
        runner.clearTransferState();
        for (final String path : paths) {
            runner.enqueue(new byte[0], OperationFactory.fromStatus(fileSystem.getFileStatus(new Path(path)), ChangeSource.SCAN, -1).toAttributes());
        }
        final long started = System.nanoTime();
        runner.run(paths.size(), true, true);
        final double seconds = (System.nanoTime() - started) / 1e9;
        runner.assertAllFlowFilesTransferred(ReplicateToADLS.REL_SUCCESS, paths.size());
        for (final MockFlowFile flowFile : runner.getFlowFilesForRelationship(ReplicateToADLS.REL_SUCCESS)) {
            flowFile.assertAttributeEquals(OperationAttributes.RESULT, "copied");
        }
        return seconds;
    }

    /** The recorded CRC32C of every target file equals the CRC32C of the source bytes, and the sizes match. */
    private static void checkTarget(final DataLakeFileSystemClient target, final FileSystem fileSystem, final List<String> paths) throws IOException {
        final byte[] buffer = new byte[8 * MIB];
        for (final String path : paths) {
            final CRC32C crc = new CRC32C();
            try (FSDataInputStream in = fileSystem.open(new Path(path))) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    crc.update(buffer, 0, read);
                }
            }
            final TargetVersion version = TargetVersion.fromMetadata(target.getFileClient("landing" + path.substring("/data".length())).getProperties().getMetadata());
            if (version == null || version.crc32c() == null || version.crc32c() != crc.getValue()) {
                throw new IllegalStateException("Target of " + path + " does not hold the source bytes");
            }
        }
    }

    private static TestRunner processor(final MiniDfsExtension hdfs, final AdlsEmulator emulator, final java.nio.file.Path work, final int chunkMib,
                                        final int parallel, final int tasks) throws Exception {
        final TestRunner runner = TestRunners.newTestRunner(ReplicateToADLS.class);
        FusionTestServices.addSource(runner, hdfs, work);
        FusionTestServices.addTarget(runner, emulator, FILESYSTEM, "/data", "landing");
        runner.setProperty(ReplicateToADLS.HDFS_SOURCE_SERVICE, FusionTestServices.SOURCE_SERVICE_ID);
        runner.setProperty(ReplicateToADLS.FUSION_TARGET_SERVICE, FusionTestServices.TARGET_SERVICE_ID);
        runner.setProperty(ReplicateToADLS.CHUNK_SIZE, chunkMib + " MB");
        runner.setProperty(ReplicateToADLS.PARALLEL_CHUNKS, Integer.toString(parallel));
        runner.setThreadCount(tasks);
        return runner;
    }

    private static int flag(final String[] args, final String name, final int defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return defaultValue;
    }
}
