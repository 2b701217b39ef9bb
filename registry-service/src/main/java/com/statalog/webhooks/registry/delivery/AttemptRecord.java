package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A record of statalog.webhook-attempts, as the dispatcher publishes it (docs/delivery.md); fields added later are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttemptRecord(String deliveryId, UUID webhookId, UUID accountId, String event, String siteId, int attempt,
        Instant at, long durationMs, Integer statusCode, String error, String responseExcerpt, String state) {
}
