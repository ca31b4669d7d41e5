package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem;

import java.util.ArrayList;
import java.util.List;

/**
 * A sink limit: Hadoop's ABFS driver (what HDInsight writes with) writing bytes already in memory: create, write,
 * close, its own parallel appends ({@code fs.azure.write.max.concurrent.requests} = the copier's appends in flight,
 * its default 8 MiB write buffer = the copier's chunk size). {@code threads} files at once.
 */
final class AbfsWriteTask implements ContestTask {

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final String sourceDir = command.path("sourceDir").asText();
        final String targetDir = command.path("targetDir").asText();
        final int threads = command.path("threads").asInt(1);
        final List<FileStatus> files = SourceFiles.list(context.source(), sourceDir);
        final List<Write> writes = new ArrayList<>();
        for (final FileStatus status : files) {
            writes.add(new Write(new Path("/" + targetDir + status.getPath().toUri().getPath().substring(sourceDir.length())),
                    SourceFiles.read(context.source(), status)));
        }
        final AzureBlobFileSystem abfs = context.abfs(command.path("inFlight").asInt(4));
        window.open();
        ConcurrentItems.forEach(writes, threads, write -> {
            try (FSDataOutputStream out = abfs.create(write.path(), true)) {
                out.write(write.content());
            }
        });
        window.close();
        TargetTree.assertHolds(context.target(), targetDir, sourceDir, files);
        result.put("files", files.size());
        result.put("bytes", SourceFiles.totalBytes(files));
    }

    private record Write(Path path, byte[] content) {
    }
}
