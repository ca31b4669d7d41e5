package io.nififusion.core.restore;

import java.util.Comparator;

/**
 * The order a depth-first walk of a target tree meets relative paths in, children by name: a directory before
 * everything below it, everything below it before its next sibling. Several trees walked in this order (the live tree
 * and trash batches) merge path by path; a walk resumes after the last path it emitted.
 */
public final class RelativePathOrder implements Comparator<String> {
    public static final RelativePathOrder INSTANCE = new RelativePathOrder();

    private RelativePathOrder() {
    }

    @Override
    public int compare(final String first, final String second) {
        if (first.equals(second)) {
            return 0;
        }
        if (first.isEmpty()) {
            return -1;
        }
        if (second.isEmpty()) {
            return 1;
        }
        final String[] firstSegments = first.split("/");
        final String[] secondSegments = second.split("/");
        final int common = Math.min(firstSegments.length, secondSegments.length);
        for (int index = 0; index < common; index++) {
            final int order = firstSegments[index].compareTo(secondSegments[index]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(firstSegments.length, secondSegments.length);
    }

    /** Whether {@code ancestor} is a proper ancestor of {@code path} ({@code ""} is the ancestor of every other path). */
    public static boolean isAncestor(final String ancestor, final String path) {
        if (ancestor.isEmpty()) {
            return !path.isEmpty();
        }
        return path.startsWith(ancestor + "/");
    }
}
