package com.statalog.webhooks.dispatcher.delivery;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One attempt, as published to statalog.webhook-attempts (key: the webhook id) for the registry's
 * delivery log. {@code state} is the delivery's state after this attempt; {@code body} (the exact
 * bytes, base64 in JSON) comes only with a final state, so that the registry can replay the delivery.
 */
public record AttemptRecord(String deliveryId, UUID webhookId, UUID accountId, String event, String siteId, int replay,
        int attempt, Instant at, long durationMs, Integer statusCode, String error, String responseExcerpt, String state,
        @JsonInclude(JsonInclude.Include.NON_NULL) byte[] body) {
}
