package com.statalog.webhooks.contracts.config;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The value of a {@code webhook:} record: the webhook's whole current state. {@code siteId} null
 * means every site of the account, {@code goals} null every goal, {@code previousSecret} null no
 * rotation in its grace period. Event names a reader does not know are ignored by it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookState(String type, UUID id, UUID accountId, String siteId, String url, List<String> events,
        double spikeThresholdPct, double dropThresholdPct, Goals goals, boolean enabled, SealedSecret secret,
        PreviousSecret previousSecret) {

    public static final String TYPE = "webhook";

    public WebhookState {
        events = events == null ? null : List.copyOf(events);
    }
}
