package io.nififusion.bench.worker;

import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;
import org.apache.hadoop.fs.FileStatus;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks, after a measured window, that the target holds every source file with its size: a figure for a copy that did not land is no figure. */
final class TargetTree {

    private TargetTree() {
    }

    /** @return relative path → size of every file under {@code directory} at the target */
    static Map<String, Long> files(final DataLakeFileSystemClient target, final String directory) {
        final Map<String, Long> files = new TreeMap<>();
        for (final PathItem item : target.listPaths(new ListPathsOptions().setPath(directory).setRecursive(true), null)) {
            if (!item.isDirectory()) {
                files.put(item.getName().substring(directory.length()), item.getContentLength());
            }
        }
        return files;
    }

    /** Fails unless the target directory holds exactly the source files, each with its source size. */
    static void assertHolds(final DataLakeFileSystemClient target, final String targetDirectory, final String sourceDirectory,
                            final List<FileStatus> sources) {
        final Map<String, Long> expected = new TreeMap<>();
        for (final FileStatus status : sources) {
            expected.put(status.getPath().toUri().getPath().substring(sourceDirectory.length()), status.getLen());
        }
        final Map<String, Long> actual = files(target, targetDirectory);
        if (!expected.equals(actual)) {
            final Map<String, Long> missing = new TreeMap<>(expected);
            missing.entrySet().removeAll(actual.entrySet());
            final Map<String, Long> extra = new TreeMap<>(actual);
            extra.entrySet().removeAll(expected.entrySet());
            throw new IllegalStateException("Target " + targetDirectory + " differs from " + sourceDirectory + ": " + missing.size()
                    + " missing or wrong size (e.g. " + missing.keySet().stream().limit(3).toList() + "), " + extra.size() + " extra (e.g. "
                    + extra.keySet().stream().limit(3).toList() + ")");
        }
    }
}
