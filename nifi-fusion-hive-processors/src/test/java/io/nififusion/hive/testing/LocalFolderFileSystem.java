package io.nififusion.hive.testing;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

import java.io.File;
import java.io.IOException;
import java.net.URI;

/**
 * A local folder under another scheme, for the target metastore of tests: a metastore creates the directories of the
 * locations it is given on its own side, and the test's target metastore has no ABFS driver, so {@code abfs://} is served
 * from a folder ({@code fs.abfs.impl}). The data itself lives in the ADLS emulator; this only keeps the metastore's
 * own directory calls working.
 */
public final class LocalFolderFileSystem extends RawLocalFileSystem {
    public static final String ROOT_KEY = "fusion.test.local.folder.root";

    private URI uri;
    private File root;

    @Override
    public void initialize(final URI name, final Configuration configuration) throws IOException {
        super.initialize(name, configuration);
        uri = URI.create(name.getScheme() + "://" + name.getAuthority() + "/");
        root = new File(configuration.get(ROOT_KEY, System.getProperty("java.io.tmpdir")));
    }

    @Override
    public URI getUri() {
        return uri == null ? super.getUri() : uri;
    }

    @Override
    public String getScheme() {
        return uri == null ? super.getScheme() : uri.getScheme();
    }

    @Override
    public File pathToFile(final Path path) {
        if (root == null) {
            return super.pathToFile(path);
        }
        return new File(root, path.toUri().getPath());
    }

    @Override
    public Path getWorkingDirectory() {
        return uri == null ? super.getWorkingDirectory() : new Path(uri);
    }
}
