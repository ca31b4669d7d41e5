package io.nififusion.bench.worker;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The audit's reference: every file of a target tree read to nowhere through the Azure SDK, {@code threads} at once. */
final class TargetReadTask implements ContestTask {

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final String targetDir = command.path("targetDir").asText();
        final DataLakeFileSystemClient target = context.target();
        final Map<String, Long> files = TargetTree.files(target, targetDir);
        final AtomicLong bytes = new AtomicLong();
        window.open();
        ConcurrentItems.forEach(new ArrayList<>(files.keySet()), command.path("threads").asInt(4), relative -> {
            target.getFileClient(targetDir + relative).read(new CountingNowhere(bytes));
        });
        window.close();
        final long expected = files.values().stream().mapToLong(Long::longValue).sum();
        if (bytes.get() != expected) {
            throw new IllegalStateException("Read " + bytes.get() + " of " + expected + " bytes");
        }
        result.put("files", files.size());
        result.put("bytes", bytes.get());
    }

    private static final class CountingNowhere extends OutputStream {
        private final AtomicLong bytes;

        CountingNowhere(final AtomicLong bytes) {
            this.bytes = bytes;
        }

        @Override
        public void write(final int value) {
            bytes.incrementAndGet();
        }

        @Override
        public void write(final byte[] buffer, final int offset, final int length) {
            bytes.addAndGet(length);
        }
    }
}
