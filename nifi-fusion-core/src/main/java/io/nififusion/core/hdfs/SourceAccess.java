package io.nififusion.core.hdfs;

import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;

/**
 * The one way to call the source cluster: runs each call against the source file system as the configured user
 * (Kerberos ticket renewed first). {@code HdfsSourceService}, the NiFi service that owns the source cluster, is one;
 * tests and tools on a cluster without Kerberos use {@link #direct(FileSystem)}.
 */
public interface SourceAccess {

    /** One call against the source. */
    @FunctionalInterface
    interface SourceCall<T> {
        T run(FileSystem fileSystem) throws IOException;
    }

    <T> T execute(SourceCall<T> call) throws IOException;

    /** Calls the file system directly, as the current user: for tools and tests on an unsecured cluster. */
    static SourceAccess direct(final FileSystem fileSystem) {
        return new SourceAccess() {
            @Override
            public <T> T execute(final SourceCall<T> call) throws IOException {
                return call.run(fileSystem);
            }
        };
    }
}
