package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.List;

/** A delivery in the log, its attempts in ascending order. */
public record DeliveryView(String id, String event, String status, boolean test, Instant createdAt, List<Attempt> attempts) {

    public record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMs, String responseExcerpt) {
    }
}
