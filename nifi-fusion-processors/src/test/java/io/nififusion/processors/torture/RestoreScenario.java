package io.nififusion.processors.torture;

/** What a restore torture run restores, and where to: the three ways docs/restore.md describes a restore. */
enum RestoreScenario {
    /** The live tree of the whole mapped root, below a restore root (Existing File Policy Replace: a late record brings the version there now). */
    LIVE_UNDER_ROOT("live-under-root"),
    /** A tree the source deleted with Delete Policy Keep in Trash, listed as of a moment before the delete, below a restore root. */
    AS_OF_AFTER_DELETE("as-of-after-delete"),
    /** The live tree to its original paths after files and a tree were deleted at HDFS (Existing File Policy Fail: what HDFS kept is skipped). */
    ORIGINAL_PATHS_AFTER_DELETE("original-paths");

    private final String value;

    RestoreScenario(final String value) {
        this.value = value;
    }

    String getValue() {
        return value;
    }

    /** Whether the target copy is changed through the forward path while the restore runs (the trash of an as-of restore is not). */
    boolean changesTargetDuringRestore() {
        return this != AS_OF_AFTER_DELETE;
    }

    static RestoreScenario of(final String value) {
        for (final RestoreScenario scenario : values()) {
            if (scenario.value.equalsIgnoreCase(value) || scenario.name().equalsIgnoreCase(value)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("Unknown restore scenario [" + value + "]: use live-under-root, as-of-after-delete or original-paths");
    }
}
