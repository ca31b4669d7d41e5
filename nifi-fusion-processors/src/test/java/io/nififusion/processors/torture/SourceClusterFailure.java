package io.nififusion.processors.torture;

import java.io.IOException;

/**
 * The source cluster itself broke under a fault, so the run can neither go on nor be checked: the NameNode could not
 * restart from its own edit log. No client can cause that (a NameNode that wrote an edit log must be able to replay
 * it); Hadoop 3.5.0 has been seen to fail this way replaying the block recovery of a truncate (the same error as
 * HDFS-17861). Such a run is reported as aborted with the NameNode's error, never as converged, and the soak goes on
 * with a new cluster.
 */
final class SourceClusterFailure extends IOException {
    SourceClusterFailure(final String message, final Throwable cause) {
        super(message, cause);
    }
}
