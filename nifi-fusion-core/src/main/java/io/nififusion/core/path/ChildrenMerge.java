package io.nififusion.core.path;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;

/**
 * Pairs the children of a source directory with those of its target directory by name, in one pass over the two
 * listings sorted by name: the walk that a reconcile and a tree audit both make, directory by directory.
 *
 * @param <S> what the source listing says about a child
 * @param <T> what the target listing says about a child
 */
public final class ChildrenMerge<S, T> implements Iterable<ChildrenMerge.Pair<S, T>> {
    /**
     * One name and what each side holds under it.
     *
     * @param source the source's child, or null when only the target has the name
     * @param target the target's child, or null when only the source has the name
     */
    public record Pair<S, T>(String name, S source, T target) {
    }

    private final SortedMap<String, S> sourceChildren;
    private final SortedMap<String, T> targetChildren;

    /** Both listings must be sorted the same way (by name, {@link String#compareTo}). */
    public ChildrenMerge(final SortedMap<String, S> sourceChildren, final SortedMap<String, T> targetChildren) {
        this.sourceChildren = sourceChildren;
        this.targetChildren = targetChildren;
    }

    @Override
    public Iterator<Pair<S, T>> iterator() {
        final Iterator<Map.Entry<String, S>> sources = sourceChildren.entrySet().iterator();
        final Iterator<Map.Entry<String, T>> targets = targetChildren.entrySet().iterator();
        return new Iterator<>() {
            private Map.Entry<String, S> source = nextOrNull(sources);
            private Map.Entry<String, T> target = nextOrNull(targets);

            @Override
            public boolean hasNext() {
                return source != null || target != null;
            }

            @Override
            public Pair<S, T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                final int order = source == null ? 1 : target == null ? -1 : source.getKey().compareTo(target.getKey());
                final Pair<S, T> pair;
                if (order < 0) {
                    pair = new Pair<>(source.getKey(), source.getValue(), null);
                    source = nextOrNull(sources);
                } else if (order > 0) {
                    pair = new Pair<>(target.getKey(), null, target.getValue());
                    target = nextOrNull(targets);
                } else {
                    pair = new Pair<>(source.getKey(), source.getValue(), target.getValue());
                    source = nextOrNull(sources);
                    target = nextOrNull(targets);
                }
                return pair;
            }
        };
    }

    private static <E> E nextOrNull(final Iterator<E> iterator) {
        return iterator.hasNext() ? iterator.next() : null;
    }
}
