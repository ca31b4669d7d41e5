package io.nififusion.processors.torture;

import io.nififusion.processors.list.ChangeCaptureMode;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;

/**
 * The seeds and modes the CI test runs: a fixed set by default, or the cross product of {@code -Dtorture.seeds=1,2,3}
 * and {@code -Dtorture.modes=inotify,snapshot-diff} to replay a failure or widen the search.
 */
final class TortureCases {
    static final String SEEDS_PROPERTY = "torture.seeds";
    static final String MODES_PROPERTY = "torture.modes";

    /** Three seeds on inotify and one on snapshot-diff: every fault, both change capture modes. */
    private static final List<Arguments> DEFAULT_CASES = List.of(
            Arguments.of(1L, ChangeCaptureMode.INOTIFY),
            Arguments.of(2L, ChangeCaptureMode.INOTIFY),
            Arguments.of(3L, ChangeCaptureMode.INOTIFY),
            Arguments.of(4L, ChangeCaptureMode.SNAPSHOT_DIFF));

    private TortureCases() {
    }

    static List<Arguments> fromSystemProperties() {
        final String seeds = System.getProperty(SEEDS_PROPERTY, "").trim();
        final String modes = System.getProperty(MODES_PROPERTY, "").trim();
        if (seeds.isEmpty() && modes.isEmpty()) {
            return DEFAULT_CASES;
        }
        final List<Long> seedValues = new ArrayList<>();
        for (final String seed : (seeds.isEmpty() ? "1,2,3" : seeds).split(",")) {
            seedValues.add(Long.parseLong(seed.trim()));
        }
        final List<Arguments> cases = new ArrayList<>();
        for (final String mode : (modes.isEmpty() ? ChangeCaptureMode.INOTIFY.getValue() : modes).split(",")) {
            for (final long seed : seedValues) {
                cases.add(Arguments.of(seed, mode(mode.trim())));
            }
        }
        return cases;
    }

    static ChangeCaptureMode mode(final String value) {
        for (final ChangeCaptureMode mode : ChangeCaptureMode.values()) {
            if (mode.getValue().equalsIgnoreCase(value) || mode.name().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("Unknown change capture mode [" + value + "]: use inotify or snapshot-diff");
    }
}
