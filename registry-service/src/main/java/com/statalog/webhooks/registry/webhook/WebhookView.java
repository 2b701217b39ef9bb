package com.statalog.webhooks.registry.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.statalog.webhooks.contracts.config.Goals;

/**
 * A webhook as the API shows it. {@code secret} is present only in the answer that created or
 * rotated it; {@code disabled_reason} and {@code disabled_at} are null while it is enabled.
 */
public record WebhookView(UUID id, String name, String url, List<String> events, String siteId, double spikeThresholdPct,
        double dropThresholdPct, Goals goals, boolean enabled, String disabledReason, Instant disabledAt, Instant createdAt,
        Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WebhookView of(Webhook webhook) {
        return withSecret(webhook, null);
    }

    static WebhookView withSecret(Webhook webhook, String secret) {
        return new WebhookView(webhook.id, webhook.name, webhook.url, List.of(webhook.events), webhook.siteId,
                webhook.spikeThresholdPct.doubleValue(), webhook.dropThresholdPct.doubleValue(), GoalRules.of(webhook), webhook.enabled,
                webhook.disabledReason, webhook.disabledAt, webhook.createdAt, webhook.updatedAt, secret);
    }
}
