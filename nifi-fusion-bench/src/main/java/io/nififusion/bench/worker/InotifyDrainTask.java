package io.nififusion.bench.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.hdfs.DFSInotifyEventInputStream;
import org.apache.hadoop.hdfs.client.HdfsAdmin;
import org.apache.hadoop.hdfs.inotify.Event;
import org.apache.hadoop.hdfs.inotify.EventBatch;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The raw change stream, the listing's limit: HDFS's own inotify client reading the same backlog from the same
 * transaction id to nowhere, until the marker file's CLOSE; counts events per type and batches.
 */
final class InotifyDrainTask implements ContestTask {

    @Override
    public void run(final JsonNode command, final WorkerContext context, final MeasuredWindow window, final ObjectNode result) throws Exception {
        final URI uri = URI.create(context.hadoopConfiguration().get("fs.defaultFS"));
        final HdfsAdmin admin = new HdfsAdmin(uri, context.hadoopConfiguration());
        final long fromTransaction = command.path("fromTxid").asLong();
        final String marker = command.path("marker").asText();
        final Map<String, Long> events = new TreeMap<>();
        long batches = 0;
        long total = 0;
        window.open();
        final DFSInotifyEventInputStream stream = admin.getInotifyEventStream(fromTransaction);
        boolean markerSeen = false;
        while (!markerSeen) {
            final EventBatch batch = stream.poll(5, TimeUnit.SECONDS);
            if (batch == null) {
                throw new IllegalStateException("The change stream went quiet before the marker " + marker + " after " + total + " events");
            }
            batches++;
            for (final Event event : batch.getEvents()) {
                total++;
                events.merge(event.getEventType().name(), 1L, Long::sum);
                markerSeen |= event instanceof Event.CloseEvent close && marker.equals(close.getPath());
            }
        }
        window.close();
        result.put("events", total);
        result.put("batches", batches);
        result.set("eventsByType", ListingResults.json(events));
    }
}
