package io.nififusion.hive.metastore;

import org.apache.hadoop.hive.metastore.api.NotificationEvent;
import org.apache.hadoop.hive.metastore.api.NotificationEventRequest;
import org.apache.hadoop.hive.metastore.api.NotificationEventResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the metastore's notification log after a known event id, and tells a purged range apart from a quiet log:
 * event ids are consecutive (each is taken in the transaction of its change), so a first event after {@code last + 1},
 * or no event while the current id is past {@code last}, means events were lost; a current id below {@code last}
 * means the log was reset. Either is a gap the listing heals by re-listing.
 */
public final class NotificationLogReader {
    private final MetastoreConnection source;
    private final NotificationEventMapper mapper;

    public NotificationLogReader(final MetastoreConnection source, final NotificationEventMapper mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    /** The id of the newest event now: where a listing that starts now tails from. */
    public long currentEventId() throws MetastoreReplicationException {
        return source.execute(client -> client.getCurrentNotificationEventId().getEventId());
    }

    public NotificationBatch readAfter(final long lastEventId, final int maxEvents) throws MetastoreReplicationException {
        final NotificationEventRequest request = new NotificationEventRequest(lastEventId);
        request.setMaxEvents(maxEvents);
        final NotificationEventResponse response = source.execute(client -> client.getNextNotification(request, true, null));
        final List<NotificationEvent> events = response == null || response.getEvents() == null ? List.of() : response.getEvents();
        if (events.isEmpty()) {
            final long current = currentEventId();
            if (current > lastEventId) {
                return new NotificationBatch(List.of(), current, 0, new NotificationGap(lastEventId + 1, current,
                        "The metastore's current event id is " + current + " but no event after " + lastEventId + " can be read: they were purged"));
            }
            if (current < lastEventId) {
                return new NotificationBatch(List.of(), current, 0, new NotificationGap(lastEventId + 1, current,
                        "The metastore's current event id " + current + " is below the listing's " + lastEventId + ": the notification log was reset or restored"));
            }
            return new NotificationBatch(List.of(), lastEventId, 0, null);
        }
        NotificationGap gap = null;
        final long firstId = events.get(0).getEventId();
        if (firstId > lastEventId + 1) {
            gap = new NotificationGap(lastEventId + 1, firstId, "Events " + (lastEventId + 1) + " to " + (firstId - 1)
                    + " are no longer in the metastore's notification log: they were purged before they were read");
        }
        final List<NotificationBatch.ReferencedEvent> references = new ArrayList<>();
        long last = lastEventId;
        for (final NotificationEvent event : events) {
            if (event.getEventId() <= last) {
                continue;
            }
            last = event.getEventId();
            for (final HiveObjectReference reference : mapper.map(event)) {
                references.add(new NotificationBatch.ReferencedEvent(reference, event.getEventId(), event.getEventType()));
            }
        }
        return new NotificationBatch(references, last, events.size(), gap);
    }
}
