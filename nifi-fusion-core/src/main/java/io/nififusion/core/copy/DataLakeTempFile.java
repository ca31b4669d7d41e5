package io.nififusion.core.copy;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.file.datalake.DataLakeFileClient;
import com.azure.storage.file.datalake.options.DataLakeFileAppendOptions;
import com.azure.storage.file.datalake.options.DataLakeFileFlushOptions;

import java.nio.ByteBuffer;

/** The temp file of a copy as a {@link ChunkSink}: position-addressed appends, checkpoints keep later appends staged. */
final class DataLakeTempFile implements ChunkSink {
    private final DataLakeFileClient client;
    private final boolean appendMd5;

    DataLakeTempFile(final DataLakeFileClient client, final boolean appendMd5) {
        this.client = client;
        this.appendMd5 = appendMd5;
    }

    @Override
    public void append(final byte[] buffer, final int length, final long position) {
        final DataLakeFileAppendOptions options = new DataLakeFileAppendOptions();
        if (appendMd5) {
            options.setContentHash(FileDigests.md5Of(buffer, 0, length));
        }
        client.appendWithResponse(BinaryData.fromByteBuffer(ByteBuffer.wrap(buffer, 0, length)), position, options, null, Context.NONE);
    }

    @Override
    public void checkpoint(final long committedLength) {
        client.flushWithResponse(committedLength, new DataLakeFileFlushOptions().setUncommittedDataRetained(true).setClose(false), null, Context.NONE);
    }
}
