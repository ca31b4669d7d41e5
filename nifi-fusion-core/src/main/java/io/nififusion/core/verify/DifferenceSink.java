package io.nififusion.core.verify;

import java.io.IOException;

/** Receives the differences of an audit as they are found; called by one thread at a time. */
@FunctionalInterface
public interface DifferenceSink {
    void accept(Difference difference) throws IOException;
}
