package io.nififusion.core.restore;

import io.nififusion.core.path.TargetPathMapper;

/**
 * Where on HDFS a restored path goes: back to the source path it was copied from (the reverse of the path mapping), or
 * to the same place relative to a restore root, beside the live data.
 */
public final class RestoreDestination {
    private final String sourceRoot;
    private final String restoreRoot;

    private RestoreDestination(final String sourceRoot, final String restoreRoot) {
        this.sourceRoot = sourceRoot;
        this.restoreRoot = restoreRoot;
    }

    /** Each path goes back where it came from. */
    public static RestoreDestination originalPaths(final TargetPathMapper mapper) {
        return new RestoreDestination(mapper.getSourceRoot(), null);
    }

    /**
     * Each path goes below the restore root, at its place relative to the mapping's source root.
     *
     * @throws IllegalArgumentException for a root that is not absolute or contains {@code .} or {@code ..}
     */
    public static RestoreDestination underRoot(final TargetPathMapper mapper, final String restoreRoot) {
        // the mapper's own normalization judges the root: absolute, no dot segments
        final String normalized = new TargetPathMapper(restoreRoot, "").getSourceRoot();
        return new RestoreDestination(mapper.getSourceRoot(), normalized);
    }

    /**
     * @param originalPath the absolute source path a target copy backs up
     * @throws IllegalArgumentException when the path lies outside the mapping's source root
     */
    public String destinationOf(final String originalPath) {
        final String normalized = new TargetPathMapper(sourceRoot, "").toTargetPath(originalPath);
        if (restoreRoot == null) {
            return "/".equals(sourceRoot) ? "/" + normalized : normalized.isEmpty() ? sourceRoot : sourceRoot + "/" + normalized;
        }
        if (normalized.isEmpty()) {
            return restoreRoot;
        }
        return "/".equals(restoreRoot) ? "/" + normalized : restoreRoot + "/" + normalized;
    }

    public boolean isOriginal() {
        return restoreRoot == null;
    }
}
