package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One delivery opened, to debug a receiver: the payload as sent and, for every attempt, the request's
 * headers and the endpoint's answer. An {@link Attempt} is also the form the log stores attempts in
 * (the {@code attempts} JSON array of a delivery row; the list reads the same array as
 * {@link DeliveryView.Attempt}): renaming a member means a migration of the stored rows.
 */
public record DeliveryDetail(String id, String event, String status, boolean test, int replays, Instant createdAt,
        @Schema(description = "The site the event came from; null for a Send Test", nullable = true) String siteId,
        @Schema(description = "The exact bytes sent, as UTF-8 text; null for a Send Test, whose request is not kept", nullable = true)
        String payload,
        List<Attempt> attempts) {

    @Schema(name = "AttemptDetail", description = "One attempt: the request's headers and the endpoint's answer")
    public record Attempt(int replay, int attempt, Instant at,
            @Schema(description = "The endpoint's HTTP status; null when it did not answer", nullable = true) Integer statusCode,
            @Schema(description = "Why the attempt failed (timeout, http_status, …); null when it succeeded", nullable = true) String error,
            long durationMs,
            @Schema(description = "The start of the endpoint's answer (up to 1 KiB); null when there was none", nullable = true)
            String responseExcerpt,
            @Schema(description = "The headers the attempt was sent with, signatures included; empty for a Send Test", nullable = true)
            Map<String, String> requestHeaders,
            @Schema(description = "The endpoint's response headers, names in lower case (at most 32); empty when it did not answer",
                    nullable = true)
            Map<String, String> responseHeaders) {

        /** This attempt as the list shows it. */
        DeliveryView.Attempt summary() {
            return new DeliveryView.Attempt(replay, attempt, at, statusCode, error, durationMs, responseExcerpt);
        }
    }
}
