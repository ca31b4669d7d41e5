package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A limit of the restore: the sizes of a source directory's files written to HDFS from memory by this JVM's one HDFS
 * client, no reads, no checksums of its own: each file in pieces of {@code partMib} (each its own HDFS file and write
 * pipeline, as RestoreToHDFS writes its parts, without the concat), {@code threads} pieces at once, below
 * {@code writeRoot}, which is emptied before the window. Afterwards every piece must be at HDFS with its size.
 */
final class HdfsWriteTask implements ContestTask {
    private static final int BUFFER = 8 * 1024 * 1024;
    private static final long MIB = 1024 * 1024;

    private final byte[] content = new byte[BUFFER];

    HdfsWriteTask() {
        new Random(20261201L).nextBytes(content);
    }

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final String sourceDir = command.path("sourceDir").asText();
        final Path writeRoot = new Path(command.path("writeRoot").asText());
        final FileSystem hdfs = context.source();
        final List<FileStatus> sources = SourceFiles.list(hdfs, sourceDir);
        final Map<String, Long> sizes = new LinkedHashMap<>();
        for (final FileStatus status : sources) {
            sizes.put(SourceFiles.relative(status), status.getLen());
        }
        final List<FilePiece> pieces = FilePiece.of(sizes, command.path("partMib").asLong(0) * MIB);
        empty(hdfs, writeRoot);
        window.open();
        ConcurrentItems.forEach(pieces, command.path("threads").asInt(1), piece -> write(hdfs, pathOf(writeRoot, piece), piece.length()));
        window.close();
        for (final FilePiece piece : pieces) {
            final long written = hdfs.getFileStatus(pathOf(writeRoot, piece)).getLen();
            if (written != piece.length()) {
                throw new IllegalStateException(pathOf(writeRoot, piece) + " holds " + written + " bytes, not " + piece.length());
            }
        }
        result.put("files", sources.size());
        result.put("bytes", SourceFiles.totalBytes(sources));
        result.put("pieces", pieces.size());
    }

    private void write(final FileSystem hdfs, final Path path, final long length) throws IOException {
        try (FSDataOutputStream out = hdfs.create(path, false)) {
            long written = 0;
            while (written < length) {
                final int chunk = (int) Math.min(content.length, length - written);
                out.write(content, 0, chunk);
                written += chunk;
            }
        }
    }

    private static Path pathOf(final Path root, final FilePiece piece) {
        final String name = root + piece.relativePath();
        return new Path(piece.parts() == 1 ? name : name + ".part" + piece.index());
    }

    static void empty(final FileSystem hdfs, final Path root) throws IOException {
        hdfs.delete(root, true);
        if (hdfs.exists(root)) {
            throw new IllegalStateException(root + " could not be emptied");
        }
    }
}
