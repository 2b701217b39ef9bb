package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A record of statalog.webhook-attempts, as the dispatcher publishes it (docs/delivery.md); fields
 * added later are ignored. {@code body} (base64) comes with a final state only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttemptRecord(String deliveryId, UUID webhookId, UUID accountId, String event, String siteId, int replay,
        int attempt, Instant at, long durationMs, Integer statusCode, String error, String responseExcerpt, String state,
        String body) {

    private static final Set<String> FINAL = Set.of("delivered", "dropped", "cancelled");

    public AttemptRecord {
        if (body != null) {
            // refused here, while the record is read, rather than in the log's transaction (which is retried)
            Base64.getDecoder().decode(body);
        }
    }

    boolean isFinal() {
        return FINAL.contains(state);
    }

    boolean gone() {
        return statusCode != null && statusCode == 410;
    }
}
