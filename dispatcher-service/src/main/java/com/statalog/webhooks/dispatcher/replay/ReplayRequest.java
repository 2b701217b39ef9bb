package com.statalog.webhooks.dispatcher.replay;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.dispatcher.delivery.Delivery;

/**
 * A record of statalog.webhook-replays (key: the webhook id), written by the registry: a delivery
 * that had ended, to be sent again as its {@code replay}-th series of attempts. Format:
 * docs/delivery.md ("Replays").
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ReplayRequest(String deliveryId, UUID webhookId, UUID accountId, String event, String siteId, byte[] body, int replay) {

    /** The delivery to attempt; an IllegalArgumentException names what makes the record unusable. */
    Delivery delivery() {
        if (deliveryId == null || webhookId == null || accountId == null || body == null || replay < 1) {
            throw new IllegalArgumentException("delivery_id, webhook_id, account_id, body and a replay number ≥ 1 are required");
        }
        EventType type = EventType.fromWireName(event)
                .orElseThrow(() -> new IllegalArgumentException("unknown event"));
        return Delivery.replayed(deliveryId, webhookId, accountId, type, siteId, body, replay);
    }
}
