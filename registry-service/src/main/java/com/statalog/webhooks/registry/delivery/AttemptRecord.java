package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A record of statalog.webhook-attempts, as the dispatcher publishes it (docs/delivery.md); fields
 * added later are ignored. {@code body} (base64 in JSON, so a malformed one fails the record's
 * reading, not the log's transaction) comes with a final state only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttemptRecord(String deliveryId, UUID webhookId, UUID accountId, String event, String siteId, int replay,
        int attempt, Instant at, long durationMs, Integer statusCode, String error, String responseExcerpt, String state,
        byte[] body) {

    private static final Set<String> FINAL = Set.of("delivered", "dropped", "cancelled");

    boolean isFinal() {
        return FINAL.contains(state);
    }

    boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
