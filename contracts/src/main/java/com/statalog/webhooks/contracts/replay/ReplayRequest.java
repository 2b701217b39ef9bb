package com.statalog.webhooks.contracts.replay;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A record of statalog.webhook-replays (key: the webhook id; schema: contracts/replay.schema.json),
 * written by the registry: a delivery that had ended, to be sent again as its {@code replay}-th
 * series of attempts, with the same bytes ({@code body}, base64 in JSON), delivery id and
 * creation time ({@code createdAt}, which the delivery log keys it by).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplayRequest(String deliveryId, UUID webhookId, UUID accountId, String event, String siteId, byte[] body, int replay,
        Instant createdAt) {
}
