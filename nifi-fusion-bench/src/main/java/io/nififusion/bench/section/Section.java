package io.nififusion.bench.section;

import io.nififusion.bench.BenchEnvironment;
import io.nififusion.bench.report.SectionResult;

/** One part of the suite: prepares its data, runs its contestants in interleaved rounds, derives its figures and targets. */
public interface Section {
    String name();

    SectionResult run(BenchEnvironment environment) throws Exception;
}
