package com.statalog.webhooks.dispatcher.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.statalog.webhooks.contracts.EventType;

/**
 * One event for one webhook. The id is derived from the source record and the webhook, so a record
 * read twice yields the same id and receivers can de-duplicate on {@code X-Statalog-Delivery}.
 * {@code replay} numbers the series of attempts: 0 the original one, n the n-th replay, each with
 * attempts numbered from 1 and the spec's schedule. {@code createdAt} (to the microsecond, as the
 * log stores it) goes with every attempt record: the delivery log keys the delivery by it; null
 * only for a delivery from a retry record written before it existed.
 */
public record Delivery(String id, UUID webhookId, UUID accountId, EventType event, String siteId, byte[] body, int replay,
        int attempt, List<AttemptSummary> history, Instant createdAt) {

    public static Delivery first(String id, UUID webhookId, UUID accountId, EventType event, String siteId, byte[] body) {
        return replayed(id, webhookId, accountId, event, siteId, body, 0, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** The first attempt of the {@code replay}-th series of a delivery that had ended. */
    public static Delivery replayed(String id, UUID webhookId, UUID accountId, EventType event, String siteId, byte[] body,
            int replay, Instant createdAt) {
        return new Delivery(id, webhookId, accountId, event, siteId, body, replay, 1, List.of(), createdAt);
    }

    /** The next attempt of this delivery, remembering this one. */
    public Delivery next(AttemptSummary thisAttempt) {
        List<AttemptSummary> longer = new ArrayList<>(history);
        longer.add(thisAttempt);
        return new Delivery(id, webhookId, accountId, event, siteId, body, replay, attempt + 1, List.copyOf(longer), createdAt);
    }

    /**
     * The delivery id of the event for the webhook: from the event's identity when its publisher
     * gave one (the same event published again after a crash gets the same id, so receivers can
     * de-duplicate it), else from the record's place in the topic.
     */
    public static String idFor(String eventId, String topic, int partition, long offset, UUID webhookId) {
        if (eventId != null) {
            return UUID.nameUUIDFromBytes(("event/" + eventId + "/" + webhookId).getBytes(StandardCharsets.UTF_8)).toString();
        }
        return idFor(topic, partition, offset, webhookId);
    }

    public static String idFor(String topic, int partition, long offset, UUID webhookId) {
        return UUID.nameUUIDFromBytes((topic + "/" + partition + "/" + offset + "/" + webhookId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
