package io.nififusion.processors.torture;

import io.nififusion.core.copy.ReplicatorSettings;

/**
 * The paths the migration leaves out on purpose, stated once for the pipeline and, independently, for the checker.
 * The listing is configured with {@link #LISTING_PROPERTY} instead of its default, so a change of the product default
 * cannot silently change what the checker expects. The workload creates exactly these hidden names (job scratch space and
 * the in-progress names of {@code hdfs dfs -put}); the target must hold none of them.
 */
final class TortureExclusions {
    static final String JOB_SCRATCH_DIRECTORY = "_temporary";
    static final String PUT_IN_PROGRESS_SUFFIX = "._COPYING_";
    static final String SNAPSHOT_DIRECTORY = ".snapshot";

    /** The Exclusions property of ListHDFSChanges. */
    static final String LISTING_PROPERTY = SNAPSHOT_DIRECTORY + "," + JOB_SCRATCH_DIRECTORY + ",*" + PUT_IN_PROGRESS_SUFFIX;

    /**
     * The Exclusions property of the VerifyChecksum tree audit: the listing's, plus in-flight copies as its documentation
     * recommends. Temp files left after quiescence are the independent checker's finding, not the audit's.
     */
    static final String AUDIT_PROPERTY = LISTING_PROPERTY + "," + ReplicatorSettings.DEFAULT_TEMP_PREFIX + "*";

    private TortureExclusions() {
    }

    /** Whether a path (absolute or relative, '/'-separated) lies in an excluded name or below one. */
    static boolean isExcluded(final String path) {
        for (final String segment : path.split("/")) {
            if (segment.equals(JOB_SCRATCH_DIRECTORY) || segment.equals(SNAPSHOT_DIRECTORY) || segment.endsWith(PUT_IN_PROGRESS_SUFFIX)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the last name of a target path is a replicator temp file, whatever the rest of its name. */
    static boolean isReplicatorTempName(final String path) {
        final String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith(ReplicatorSettings.DEFAULT_TEMP_PREFIX);
    }
}
