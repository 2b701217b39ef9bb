package com.statalog.webhooks.registry.replay;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a replay request (202): how many deliveries will be sent again, and for a range
 * whether more matched than one request replays ({@code statalog.replay.max-deliveries}), with
 * {@code nextFrom}, the {@code from} that asks for the rest.
 */
public record ReplayAnswer(UUID id, UUID webhookId, int deliveries, boolean more,
        @Schema(description = "Where to start the next replay when `more` is true; null otherwise", nullable = true) Instant nextFrom, Instant requestedAt) {
}
