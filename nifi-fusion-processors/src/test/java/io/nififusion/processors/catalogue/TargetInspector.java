package io.nififusion.processors.catalogue;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.DataLakeStorageException;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;
import io.nififusion.core.copy.ReplicatorSettings;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** What the emulator holds under a target directory, read through the SDK as a reader of the target would. */
final class TargetInspector {
    private final DataLakeFileSystemClient fileSystem;

    TargetInspector(final DataLakeFileSystemClient fileSystem) {
        this.fileSystem = fileSystem;
    }

    /** The bytes of a target file, or null when there is none. */
    byte[] read(final String path) {
        try {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            fileSystem.getFileClient(path).read(out);
            return out.toByteArray();
        } catch (final DataLakeStorageException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    boolean exists(final String path) {
        return fileSystem.getFileClient(path).exists();
    }

    boolean isDirectory(final String path) {
        return fileSystem.getFileClient(path).getProperties().isDirectory();
    }

    /** Every path below a target directory (recursive), or nothing when the directory does not exist. */
    List<String> pathsUnder(final String directory) {
        final List<String> paths = new ArrayList<>();
        if (!fileSystem.getDirectoryClient(directory).exists()) {
            return paths;
        }
        for (final PathItem item : fileSystem.listPaths(new ListPathsOptions().setPath(directory).setRecursive(true), null)) {
            paths.add(item.getName());
        }
        return paths;
    }

    /** Temp files of replication left below a target directory. */
    List<String> tempsUnder(final String directory) {
        return pathsUnder(directory).stream()
                .filter(path -> path.substring(path.lastIndexOf('/') + 1).startsWith(ReplicatorSettings.DEFAULT_TEMP_PREFIX))
                .toList();
    }
}
