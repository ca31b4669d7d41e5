package io.nififusion.core.copy;

import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;

/**
 * Runs calls against the source file system as the configured user (Kerberos renewal included). The NiFi service
 * that owns the source cluster provides it; tests pass a MiniDFSCluster file system.
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
