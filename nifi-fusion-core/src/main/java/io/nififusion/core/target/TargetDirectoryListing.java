package io.nififusion.core.target;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.file.datalake.DataLakeFileSystemClient;
import com.azure.storage.file.datalake.models.ListPathsOptions;
import com.azure.storage.file.datalake.models.PathItem;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The direct children of one target directory, by name, in the order a merge with an HDFS listing needs (HDFS lists
 * a directory in the order of its names). Paged by the service; a directory removed after its parent was listed has
 * no children. The one listing that the tree audit and the reconcile walk share.
 */
public final class TargetDirectoryListing {
    private TargetDirectoryListing() {
    }

    /**
     * @param directory path relative to the filesystem, empty for its root
     * @param pageSize entries per page (ADLS caps it at 5000)
     */
    public static SortedMap<String, PathItem> children(final DataLakeFileSystemClient fileSystem, final String directory, final int pageSize) {
        final SortedMap<String, PathItem> children = new TreeMap<>();
        final ListPathsOptions options = new ListPathsOptions().setRecursive(false).setMaxResults(pageSize);
        if (!directory.isEmpty()) {
            options.setPath(directory);
        }
        try {
            for (final PathItem item : fileSystem.listPaths(options, null)) {
                children.put(item.getName().substring(item.getName().lastIndexOf('/') + 1), item);
            }
        } catch (final HttpResponseException e) {
            if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
                throw e;
            }
            children.clear();
        }
        return children;
    }
}
