package io.nififusion.hive.metastore;

import io.nififusion.core.path.TargetPathMapper;
import io.nififusion.core.path.UnsupportedTargetPathException;
import org.apache.hadoop.fs.Path;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Rewrites metastore locations with the very mapping the data follows: {@code hdfs://nn:8020/warehouse/sales.db/orders}
 * becomes {@code abfs://fs@account.dfs.core.windows.net/<target root>/sales.db/orders} when the mapping takes
 * {@code /warehouse} to {@code <target root>}. A location on another file system, or outside the mapping's Source Root,
 * has data that is not migrated: it is refused rather than pointed at nothing.
 */
public final class LocationMapper {
    private final URI sourceFileSystem;
    private final TargetPathMapper pathMapper;
    private final String targetStorage;

    /**
     * @param sourceFileSystem the source cluster's {@code fs.defaultFS}, such as {@code hdfs://namenode:8020}
     * @param pathMapper the target service's mapping of source paths to target paths
     * @param targetStorage the target filesystem as the target cluster names it, such as {@code abfs://fs@account.dfs.core.windows.net}
     */
    public LocationMapper(final URI sourceFileSystem, final TargetPathMapper pathMapper, final String targetStorage) {
        this.sourceFileSystem = Objects.requireNonNull(sourceFileSystem, "Source file system required");
        this.pathMapper = Objects.requireNonNull(pathMapper, "Path mapper required");
        Objects.requireNonNull(targetStorage, "Target storage required");
        this.targetStorage = targetStorage.endsWith("/") ? targetStorage.substring(0, targetStorage.length() - 1) : targetStorage;
    }

    public TargetPathMapper getPathMapper() {
        return pathMapper;
    }

    public String getTargetStorage() {
        return targetStorage;
    }

    /**
     * @return the target location, or null for no location (a view, a database on the default location)
     * @throws MetastoreReplicationException {@link MetastoreErrorCode#LOCATION_NOT_MIGRATED} for a location whose data
     *         is not migrated, {@link MetastoreErrorCode#TARGET_PATH_UNSUPPORTED} for one ADLS cannot hold
     */
    public String toTargetLocation(final String sourceLocation) throws MetastoreReplicationException {
        if (sourceLocation == null || sourceLocation.isBlank()) {
            return null;
        }
        final String targetPath = toTargetPath(sourceLocation);
        return targetPath.isEmpty() ? targetStorage + "/" : targetStorage + "/" + targetPath;
    }

    /** The target path (relative to the ADLS filesystem) of a source location's directory. */
    public String toTargetPath(final String sourceLocation) throws MetastoreReplicationException {
        final String sourcePath = toSourcePath(sourceLocation);
        try {
            return pathMapper.toTargetPath(sourcePath);
        } catch (final UnsupportedTargetPathException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.TARGET_PATH_UNSUPPORTED, "Location [" + sourceLocation + "]: " + e.getMessage(), e);
        } catch (final IllegalArgumentException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.LOCATION_NOT_MIGRATED, "Location [" + sourceLocation
                    + "] lies outside the mapping's Source Root [" + pathMapper.getSourceRoot() + "]: its data is not migrated", e);
        }
    }

    /** The absolute source path of a location on the source cluster. */
    public String toSourcePath(final String sourceLocation) throws MetastoreReplicationException {
        final URI location;
        try {
            // the metastore keeps locations as Hadoop paths print them: unescaped, spaces and all
            location = new Path(sourceLocation.strip()).toUri();
        } catch (final IllegalArgumentException e) {
            throw new MetastoreReplicationException(MetastoreErrorCode.LOCATION_NOT_MIGRATED, "Location [" + sourceLocation + "] is not a path", e);
        }
        if (location.getScheme() != null) {
            final boolean sameScheme = location.getScheme().equalsIgnoreCase(sourceFileSystem.getScheme());
            final boolean sameAuthority = location.getAuthority() == null
                    || location.getAuthority().toLowerCase(Locale.ROOT).equals(authorityOf(sourceFileSystem));
            if (!sameScheme || !sameAuthority) {
                throw new MetastoreReplicationException(MetastoreErrorCode.LOCATION_NOT_MIGRATED, "Location [" + sourceLocation
                        + "] is not on the source cluster " + sourceFileSystem + ": its data is not migrated");
            }
        }
        final String path = location.getPath();
        if (path == null || !path.startsWith("/")) {
            throw new MetastoreReplicationException(MetastoreErrorCode.LOCATION_NOT_MIGRATED, "Location [" + sourceLocation + "] has no absolute path");
        }
        return path;
    }

    private static String authorityOf(final URI uri) {
        return uri.getAuthority() == null ? "" : uri.getAuthority().toLowerCase(Locale.ROOT);
    }

    /** Two locations name the same place when they differ at most by a trailing slash. */
    public static boolean sameLocation(final String first, final String second) {
        if (first == null || second == null) {
            return first == null && second == null;
        }
        return stripTrailingSlash(first).equals(stripTrailingSlash(second));
    }

    private static String stripTrailingSlash(final String location) {
        return location.endsWith("/") && location.length() > 1 ? location.substring(0, location.length() - 1) : location;
    }
}
