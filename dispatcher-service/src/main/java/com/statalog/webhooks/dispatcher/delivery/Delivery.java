package com.statalog.webhooks.dispatcher.delivery;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.statalog.webhooks.dispatcher.intake.EventType;

/**
 * One event for one webhook. The id is derived from the source record and the webhook, so a record
 * read twice yields the same id and receivers can de-duplicate on {@code X-Statalog-Delivery}.
 */
public record Delivery(String id, UUID webhookId, UUID accountId, EventType event, String siteId, byte[] body, int attempt) {

    public static String idFor(String topic, int partition, long offset, UUID webhookId) {
        return UUID.nameUUIDFromBytes((topic + "/" + partition + "/" + offset + "/" + webhookId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
