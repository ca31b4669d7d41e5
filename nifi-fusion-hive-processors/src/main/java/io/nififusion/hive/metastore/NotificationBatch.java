package io.nififusion.hive.metastore;

import java.util.List;

/**
 * What one read of the notification log found.
 *
 * @param references the objects the events touched, in event order (an object may appear more than once)
 * @param lastEventId the id of the last event read, which the listing's state advances to
 * @param eventCount how many events were read
 * @param gap the events that can no longer be read, or null when none are missing
 */
public record NotificationBatch(List<ReferencedEvent> references, long lastEventId, int eventCount, NotificationGap gap) {

    /**
     * One object and the event that touched it.
     *
     * @param reference the object
     * @param eventId the event's id
     * @param eventType the event's type, such as {@code ADD_PARTITION}
     */
    public record ReferencedEvent(HiveObjectReference reference, long eventId, String eventType) {
    }
}
