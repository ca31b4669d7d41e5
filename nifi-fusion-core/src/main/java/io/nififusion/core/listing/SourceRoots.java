package io.nififusion.core.listing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The absolute source directories being replicated; no root may lie inside another. */
public final class SourceRoots {
    private final List<String> roots;

    private SourceRoots(final List<String> roots) {
        this.roots = roots;
    }

    /**
     * Parses comma-separated absolute paths.
     *
     * @throws IllegalArgumentException naming the entry that is relative, empty, or nested in another root
     */
    public static SourceRoots parse(final String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("At least one absolute source root is required, such as /data/warehouse");
        }
        final List<String> parsed = new ArrayList<>();
        for (final String rawEntry : value.split(",")) {
            final String entry = rawEntry.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.startsWith("/")) {
                throw new IllegalArgumentException("Source root [" + entry + "] must be an absolute path starting with /");
            }
            if (entry.contains("//") || entry.contains("/./") || entry.contains("/../") || entry.endsWith("/..") || entry.endsWith("/.")) {
                throw new IllegalArgumentException("Source root [" + entry + "] must be a normalized path (no //, . or .. segments)");
            }
            parsed.add(normalize(entry));
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("At least one absolute source root is required, such as /data/warehouse");
        }
        for (final String root : parsed) {
            for (final String other : parsed) {
                if (root != other && isSameOrDescendant(root, other)) {
                    throw new IllegalArgumentException("Source root [" + root + "] lies inside source root [" + other + "]: list only the outer one");
                }
            }
        }
        return new SourceRoots(Collections.unmodifiableList(parsed));
    }

    public List<String> getRoots() {
        return roots;
    }

    /** Whether the absolute path is one of the roots or lies below one. */
    public boolean contains(final String path) {
        for (final String root : roots) {
            if (isSameOrDescendant(path, root)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code path} equals {@code ancestor} or lies below it. */
    public static boolean isSameOrDescendant(final String path, final String ancestor) {
        if ("/".equals(ancestor)) {
            return path.startsWith("/");
        }
        return path.equals(ancestor) || (path.startsWith(ancestor) && path.charAt(ancestor.length()) == '/');
    }

    private static String normalize(final String path) {
        if (path.length() > 1 && path.endsWith("/")) {
            return path.substring(0, path.length() - 1);
        }
        return path;
    }

    @Override
    public String toString() {
        return String.join(",", roots);
    }
}
