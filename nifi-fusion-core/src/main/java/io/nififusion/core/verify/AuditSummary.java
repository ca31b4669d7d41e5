package io.nififusion.core.verify;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts of a tree audit, updated from several verification threads at once. */
public final class AuditSummary {
    private final String sourceRoot;
    private final String targetRoot;
    private final VerificationDepth depth;
    private final Instant started;
    private final Map<DifferenceKind, LongAdder> differences = new EnumMap<>(DifferenceKind.class);
    private final LongAdder filesChecked = new LongAdder();
    private final LongAdder filesVerified = new LongAdder();
    private final LongAdder directoriesChecked = new LongAdder();
    private final LongAdder bytesChecked = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private volatile Instant finished;

    public AuditSummary(final String sourceRoot, final String targetRoot, final VerificationDepth depth, final Instant started) {
        this.sourceRoot = sourceRoot;
        this.targetRoot = targetRoot;
        this.depth = depth;
        this.started = started;
        for (final DifferenceKind kind : DifferenceKind.values()) {
            differences.put(kind, new LongAdder());
        }
    }

    void countDifference(final DifferenceKind kind) {
        differences.get(kind).increment();
    }

    void countFile(final FileVerification verification) {
        filesChecked.increment();
        if (verification.isVerified()) {
            filesVerified.increment();
        }
        if (verification.sourceLength() > 0) {
            bytesChecked.add(verification.sourceLength());
        }
        bytesRead.add(verification.bytesRead());
    }

    void countDirectory() {
        directoriesChecked.increment();
    }

    void finish(final Instant end) {
        this.finished = end;
    }

    public String getSourceRoot() {
        return sourceRoot;
    }

    public String getTargetRoot() {
        return targetRoot;
    }

    public VerificationDepth getDepth() {
        return depth;
    }

    public Instant getStarted() {
        return started;
    }

    /** When the audit ended, or null while it runs. */
    public Instant getFinished() {
        return finished;
    }

    public long getDifferenceCount(final DifferenceKind kind) {
        return differences.get(kind).sum();
    }

    public Map<DifferenceKind, Long> getDifferenceCounts() {
        final Map<DifferenceKind, Long> counts = new EnumMap<>(DifferenceKind.class);
        for (final Map.Entry<DifferenceKind, LongAdder> entry : differences.entrySet()) {
            counts.put(entry.getKey(), entry.getValue().sum());
        }
        return Collections.unmodifiableMap(counts);
    }

    public long getTotalDifferences() {
        long total = 0;
        for (final LongAdder count : differences.values()) {
            total += count.sum();
        }
        return total;
    }

    /** Files present on both sides and compared. */
    public long getFilesChecked() {
        return filesChecked.sum();
    }

    public long getFilesVerified() {
        return filesVerified.sum();
    }

    public long getDirectoriesChecked() {
        return directoriesChecked.sum();
    }

    /** Source bytes covered by the compared files. */
    public long getBytesChecked() {
        return bytesChecked.sum();
    }

    /** Bytes actually read from either side to compute checksums. */
    public long getBytesRead() {
        return bytesRead.sum();
    }
}
