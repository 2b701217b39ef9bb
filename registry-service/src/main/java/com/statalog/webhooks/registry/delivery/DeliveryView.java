package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A delivery in the log, its attempts in ascending order. {@code replays} counts the replays asked
 * for; each attempt names its series ({@code replay} 0: the original attempts, n: the n-th replay's).
 * An {@link Attempt} is the stored form, {@link DeliveryDetail.Attempt}, without the headers.
 */
public record DeliveryView(String id, String event, String status, boolean test, int replays, Instant createdAt,
        List<Attempt> attempts) {

    public record Attempt(int replay, int attempt, Instant at,
            @Schema(description = "The endpoint's HTTP status; null when it did not answer", nullable = true) Integer statusCode,
            @Schema(description = "Why the attempt failed without an answer (timeout, refused, …); null otherwise", nullable = true) String error,
            long durationMs,
            @Schema(description = "The start of the endpoint's answer, for debugging; null when there was none", nullable = true) String responseExcerpt) {
    }
}
