package io.nififusion.core.path;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChildrenMergeTest {

    @Test
    void pairsEveryNameOnceInNameOrderWithWhatEachSideHolds() {
        final List<ChildrenMerge.Pair<Integer, String>> pairs = merge(sorted("a", 1, "c", 3, "d", 4), sorted("b", "B", "c", "C", "e", "E"));

        assertEquals(List.of(
                new ChildrenMerge.Pair<>("a", 1, null),
                new ChildrenMerge.Pair<>("b", null, "B"),
                new ChildrenMerge.Pair<>("c", 3, "C"),
                new ChildrenMerge.Pair<>("d", 4, null),
                new ChildrenMerge.Pair<Integer, String>("e", null, "E")), pairs);
    }

    @Test
    void oneEmptySideYieldsTheOtherSideAlone() {
        assertEquals(List.of(new ChildrenMerge.Pair<Integer, String>("x", 9, null)), merge(sorted("x", 9), new TreeMap<>()));
        assertEquals(List.of(new ChildrenMerge.Pair<Integer, String>("y", null, "Y")), merge(new TreeMap<>(), sorted("y", "Y")));
    }

    @Test
    void nothingOnEitherSideYieldsNothingAndRefusesANextPair() {
        final Iterator<ChildrenMerge.Pair<Integer, String>> pairs = new ChildrenMerge<Integer, String>(new TreeMap<>(), new TreeMap<>()).iterator();

        assertFalse(pairs.hasNext());
        assertThrows(NoSuchElementException.class, pairs::next);
    }

    private static List<ChildrenMerge.Pair<Integer, String>> merge(final SortedMap<String, Integer> source, final SortedMap<String, String> target) {
        final List<ChildrenMerge.Pair<Integer, String>> pairs = new ArrayList<>();
        new ChildrenMerge<>(source, target).forEach(pairs::add);
        return pairs;
    }

    @SuppressWarnings("unchecked")
    private static <V> SortedMap<String, V> sorted(final Object... namesAndValues) {
        final SortedMap<String, V> map = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], (V) namesAndValues[i + 1]);
        }
        return map;
    }
}
