package io.nififusion.bench.worker;

import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.FileRange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw target read, to nowhere through the Azure SDK, {@code threads} at once: whole files (the audit's reference),
 * or with {@code rangeMib} ranged GETs of that size (the restore's read without its HDFS side), as RestoreToHDFS
 * reads its parts.
 */
final class TargetReadTask implements ContestTask {
    private static final long MIB = 1024 * 1024;

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final String targetDir = command.path("targetDir").asText();
        final long rangeBytes = command.path("rangeMib").asLong(0) * MIB;
        final DataLakeFileSystemClient target = context.target();
        final Map<String, Long> files = TargetTree.files(target, targetDir);
        if (files.isEmpty()) {
            throw new IllegalStateException("No files under " + targetDir + " at the target");
        }
        final List<FilePiece> pieces = FilePiece.of(files, rangeBytes);
        final AtomicLong bytes = new AtomicLong();
        window.open();
        ConcurrentItems.forEach(pieces, command.path("threads").asInt(4), piece -> {
            final CountingNowhere nowhere = new CountingNowhere(bytes);
            if (rangeBytes == 0 || piece.length() == 0) {
                target.getFileClient(targetDir + piece.relativePath()).read(nowhere);
            } else {
                target.getFileClient(targetDir + piece.relativePath()).readWithResponse(nowhere, new FileRange(piece.offset(), piece.length()),
                        null, null, false, null, Context.NONE);
            }
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
