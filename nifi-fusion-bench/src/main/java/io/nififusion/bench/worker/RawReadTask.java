package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The source limit: every file of a directory read sequentially to nowhere, by {@code threads} readers. */
final class RawReadTask implements ContestTask {
    private static final int BUFFER = 8 * 1024 * 1024;

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final FileSystem source = context.source();
        final List<FileStatus> files = SourceFiles.list(source, command.path("sourceDir").asText());
        final int threads = command.path("threads").asInt(1);
        final AtomicLong bytes = new AtomicLong();
        final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[BUFFER]);
        window.open();
        ConcurrentItems.forEach(files, threads, status -> {
            final byte[] buffer = buffers.get();
            try (FSDataInputStream in = source.open(status.getPath())) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    bytes.addAndGet(read);
                }
            }
        });
        window.close();
        if (bytes.get() != SourceFiles.totalBytes(files)) {
            throw new IllegalStateException("Read " + bytes.get() + " bytes of " + SourceFiles.totalBytes(files));
        }
        result.put("files", files.size());
        result.put("bytes", bytes.get());
    }
}
