package io.nififusion.bench.worker;

import io.nififusion.core.operation.OperationAttributes;
import io.nififusion.processors.list.ListHDFSChanges;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Triggers a scheduled ListHDFSChanges and takes what each trigger emitted, dropping it at once (a flow hands records
 * on; keeping them, or nifi-mock's sessions of them, would count the runner's memory as the listing's), counting records
 * per operation.
 */
final class ListingBatches {
    private final ScheduledRunner listing;
    private final LiveHeapProbe probe;
    private final Map<String, Long> recordsByOperation = new TreeMap<>();
    private long records;
    private long triggers;

    ListingBatches(final ScheduledRunner listing) {
        this(listing, null);
    }

    /** @param probe measures the live heap after each trigger, while its records are still held; null for none */
    ListingBatches(final ScheduledRunner listing, final LiveHeapProbe probe) {
        this.listing = listing;
        this.probe = probe;
    }

    /** Triggers once; @return the records it emitted (still valid until the next call) */
    List<MockFlowFile> next() {
        listing.trigger(1);
        triggers++;
        final TestRunner runner = listing.runner();
        if (probe != null) {
            probe.measure();
        }
        final List<MockFlowFile> emitted = List.copyOf(runner.getFlowFilesForRelationship(ListHDFSChanges.REL_SUCCESS));
        NifiRunners.dropTransferred(runner);
        for (final MockFlowFile flowFile : emitted) {
            recordsByOperation.merge(flowFile.getAttribute(OperationAttributes.OPERATION), 1L, Long::sum);
        }
        records += emitted.size();
        return emitted;
    }

    long records() {
        return records;
    }

    long triggers() {
        return triggers;
    }

    Map<String, Long> recordsByOperation() {
        return recordsByOperation;
    }
}
