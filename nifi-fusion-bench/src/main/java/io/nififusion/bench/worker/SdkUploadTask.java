package io.nififusion.bench.worker;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.PathHttpHeaders;
import com.azure.storage.file.datalake.options.DataLakeFileAppendOptions;
import com.azure.storage.file.datalake.options.DataLakeFileFlushOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.FileStatus;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A sink limit: the Azure SDK uploading bytes already in memory the way the copier does: a new file, appends of the
 * same chunk size with the same number in flight, each with its Content-MD5 (computed in the window, as the copier
 * does), then one flush with the whole file's Content-MD5 (computed before the window: the copier's in-order digest
 * is not the sink's cost). {@code threads} files at once.
 */
final class SdkUploadTask implements ContestTask {

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final String sourceDir = command.path("sourceDir").asText();
        final String targetDir = command.path("targetDir").asText();
        final int chunkSize = command.path("chunkMib").asInt(8) * 1024 * 1024;
        final int inFlight = command.path("inFlight").asInt(4);
        final int threads = command.path("threads").asInt(1);
        final List<FileStatus> files = SourceFiles.list(context.source(), sourceDir);
        final List<Upload> uploads = new ArrayList<>();
        for (final FileStatus status : files) {
            final byte[] content = SourceFiles.read(context.source(), status);
            uploads.add(new Upload(targetDir + status.getPath().toUri().getPath().substring(sourceDir.length()), content, md5(content, 0, content.length)));
        }
        final DataLakeFileSystemClient target = context.target();
        final ExecutorService appends = Executors.newFixedThreadPool(inFlight * threads);
        try {
            window.open();
            ConcurrentItems.forEach(uploads, threads, upload -> upload(target.getFileClient(upload.path()), upload, chunkSize, inFlight, appends));
            window.close();
        } finally {
            appends.shutdownNow();
        }
        TargetTree.assertHolds(target, targetDir, sourceDir, files);
        result.put("files", files.size());
        result.put("bytes", SourceFiles.totalBytes(files));
    }

    private static void upload(final DataLakeFileClient file, final Upload upload, final int chunkSize, final int inFlight,
                               final ExecutorService appends) throws Exception {
        final byte[] content = upload.content();
        file.create(true);
        final List<Future<?>> pending = new ArrayList<>();
        for (long offset = 0; offset < content.length; offset += chunkSize) {
            final int start = (int) offset;
            final int length = Math.min(chunkSize, content.length - start);
            if (pending.size() == inFlight) {
                pending.removeFirst().get();
            }
            pending.add(appends.submit(() -> {
                file.appendWithResponse(BinaryData.fromByteBuffer(ByteBuffer.wrap(content, start, length).slice()), start,
                        new DataLakeFileAppendOptions().setContentHash(md5(content, start, length)), null, Context.NONE);
                return null;
            }));
        }
        for (final Future<?> append : pending) {
            append.get();
        }
        file.flushWithResponse(content.length, new DataLakeFileFlushOptions().setClose(true)
                .setPathHttpHeaders(new PathHttpHeaders().setContentMd5(upload.md5())), null, Context.NONE);
    }

    static byte[] md5(final byte[] buffer, final int offset, final int length) {
        try {
            final MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(buffer, offset, length);
            return digest.digest();
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Upload(String path, byte[] content, byte[] md5) {
    }
}
