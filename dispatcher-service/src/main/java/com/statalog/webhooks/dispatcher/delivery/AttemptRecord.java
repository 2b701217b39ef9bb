package com.statalog.webhooks.dispatcher.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt, as published to statalog.webhook-attempts (key: the webhook id) for the registry's
 * delivery log. {@code state} is the delivery's state after this attempt.
 */
public record AttemptRecord(String deliveryId, UUID webhookId, UUID accountId, String event, String siteId, int attempt,
        Instant at, long durationMs, Integer statusCode, String error, String responseExcerpt, String state) {
}
