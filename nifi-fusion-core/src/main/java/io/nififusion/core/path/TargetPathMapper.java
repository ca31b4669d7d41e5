package io.nififusion.core.path;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Maps a source HDFS path under the source root to its path in the target ADLS filesystem under the target root.
 * Target paths are relative to the filesystem, without a leading slash ({@code ""} is the filesystem root), which is
 * how the DataLake SDK addresses them. Anything that would escape either root is rejected.
 */
public final class TargetPathMapper {
    /** ADLS Gen2 limits: a path of at most 1,024 characters, each segment at most 255, at most 254 segments. */
    public static final int MAX_PATH_LENGTH = 1024;
    public static final int MAX_SEGMENT_LENGTH = 255;
    public static final int MAX_SEGMENTS = 254;

    private final String sourceRoot;
    private final String targetRoot;

    /**
     * @param sourceRoot absolute source directory, such as {@code /data}; {@code /} maps the whole namespace
     * @param targetRoot target directory inside the filesystem, such as {@code migrated/data}; empty for the filesystem root
     */
    public TargetPathMapper(final String sourceRoot, final String targetRoot) {
        Objects.requireNonNull(sourceRoot, "Source root required");
        if (!sourceRoot.startsWith("/")) {
            throw new IllegalArgumentException("Source root [" + sourceRoot + "] must be an absolute path");
        }
        this.sourceRoot = normalize(sourceRoot);
        this.targetRoot = normalize(targetRoot == null ? "" : targetRoot).replaceFirst("^/", "");
        if (!this.targetRoot.isEmpty()) {
            checkSupported("Target root [" + targetRoot + "]", this.targetRoot);
        }
    }

    public String getSourceRoot() {
        return sourceRoot;
    }

    public String getTargetRoot() {
        return targetRoot;
    }

    /** Whether the absolute source path is the source root or lies below it. */
    public boolean covers(final String sourcePath) {
        final String normalized = normalizeAbsolute(sourcePath);
        return isBelow(normalized);
    }

    /**
     * @return the target path for the source path, relative to the filesystem
     * @throws IllegalArgumentException for a relative path, a path with {@code .}/{@code ..} segments, or one outside the source root
     */
    public String toTargetPath(final String sourcePath) {
        final String normalized = normalizeAbsolute(sourcePath);
        if (!isBelow(normalized)) {
            throw new IllegalArgumentException("Source path [" + sourcePath + "] is outside the source root [" + sourceRoot + "]");
        }
        final String relative = "/".equals(sourceRoot) ? normalized.substring(1) : normalized.substring(sourceRoot.length()).replaceFirst("^/", "");
        if (relative.isEmpty()) {
            return targetRoot;
        }
        final String targetPath = targetRoot.isEmpty() ? relative : targetRoot + "/" + relative;
        checkSupported("Source path [" + sourcePath + "]", targetPath);
        return targetPath;
    }

    /**
     * Rejects, before any request, a path the service would change or refuse: it trims a trailing dot from a name (so
     * {@code a.} would land on {@code a}, another file's name) and limits lengths and depth.
     */
    private static void checkSupported(final String subject, final String targetPath) {
        if (targetPath.codePointCount(0, targetPath.length()) > MAX_PATH_LENGTH) {
            throw new UnsupportedTargetPathException(subject + " maps to a target path longer than ADLS allows ("
                    + MAX_PATH_LENGTH + " characters)");
        }
        final String[] segments = targetPath.split("/");
        if (segments.length > MAX_SEGMENTS) {
            throw new UnsupportedTargetPathException(subject + " maps to a target path deeper than ADLS allows ("
                    + MAX_SEGMENTS + " segments)");
        }
        for (final String segment : segments) {
            if (segment.indexOf('\\') >= 0 || segment.chars().anyMatch(Character::isISOControl)) {
                throw new UnsupportedTargetPathException(subject + " has the name [" + segment
                        + "] with a backslash or a control character, which ADLS refuses or turns into another path");
            }
            if (segment.endsWith(".")) {
                throw new UnsupportedTargetPathException(subject + " has the name [" + segment
                        + "] ending in '.', which ADLS trims: it would land on another path's name");
            }
            if (segment.codePointCount(0, segment.length()) > MAX_SEGMENT_LENGTH) {
                throw new UnsupportedTargetPathException(subject + " has a name longer than ADLS allows ("
                        + MAX_SEGMENT_LENGTH + " characters)");
            }
        }
    }

    /** The inverse of {@link #toTargetPath(String)}, for target listings compared with the source. */
    public String toSourcePath(final String targetPath) {
        final String normalized = normalize(targetPath).replaceFirst("^/", "");
        final String relative;
        if (targetRoot.isEmpty()) {
            relative = normalized;
        } else if (normalized.equals(targetRoot)) {
            relative = "";
        } else if (normalized.startsWith(targetRoot + "/")) {
            relative = normalized.substring(targetRoot.length() + 1);
        } else {
            throw new IllegalArgumentException("Target path [" + targetPath + "] is outside the target root [" + targetRoot + "]");
        }
        if (relative.isEmpty()) {
            return sourceRoot;
        }
        return "/".equals(sourceRoot) ? "/" + relative : sourceRoot + "/" + relative;
    }

    private boolean isBelow(final String normalized) {
        return "/".equals(sourceRoot) || normalized.equals(sourceRoot) || normalized.startsWith(sourceRoot + "/");
    }

    private static String normalizeAbsolute(final String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("Source path [" + path + "] must be an absolute path");
        }
        return normalize(path);
    }

    private static String normalize(final String path) {
        final Deque<String> segments = new ArrayDeque<>();
        for (final String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (".".equals(segment) || "..".equals(segment)) {
                throw new IllegalArgumentException("Path [" + path + "] must not contain '.' or '..' segments");
            }
            segments.addLast(segment);
        }
        final boolean absolute = path.startsWith("/");
        final String joined = String.join("/", segments);
        return absolute ? "/" + joined : joined;
    }

    @Override
    public String toString() {
        return sourceRoot + " -> /" + targetRoot;
    }
}
