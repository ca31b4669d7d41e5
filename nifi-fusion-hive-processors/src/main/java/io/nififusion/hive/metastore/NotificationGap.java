package io.nififusion.hive.metastore;

/**
 * Events the listing needed that the metastore no longer holds (purged by {@code metastore.event.db.listener.timetolive},
 * or a metastore restored from an older backup). Healed by a re-list of the chosen databases that drops at the target
 * what the source no longer holds (DESIGN §2 rule 5).
 *
 * @param expectedEventId the first event id the listing needed
 * @param firstAvailableEventId the first event id the metastore returned, or its current id when it returned none
 * @param reason what was seen, for the bulletin
 */
public record NotificationGap(long expectedEventId, long firstAvailableEventId, String reason) {
}
