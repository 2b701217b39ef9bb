package com.statalog.webhooks.registry.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.statalog.webhooks.contracts.config.Goals;

/**
 * A webhook as the API shows it. {@code secret} is present only in the answer that created or
 * rotated it; {@code disabled_reason} and {@code disabled_at} are null while it is enabled.
 */
public record WebhookView(UUID id, @Schema(description = WebhookFields.NAME) String name, @Schema(description = WebhookFields.URL) String url,
        @Schema(description = WebhookFields.EVENTS) List<String> events, @Schema(description = WebhookFields.SITE_ID, nullable = true) String siteId,
        @Schema(description = WebhookFields.SPIKE) double spikeThresholdPct, @Schema(description = WebhookFields.DROP) double dropThresholdPct,
        @Schema(description = WebhookFields.GOALS, nullable = true) Goals goals, @Schema(description = WebhookFields.ENABLED) boolean enabled,
        @Schema(description = "Why the platform disabled it: `manual`, `endpoint_gone` or `deliveries_failing`; null while enabled", nullable = true)
        String disabledReason, @Schema(nullable = true) Instant disabledAt, Instant createdAt, Instant updatedAt,
        @Schema(description = "The signing secret (`whsec_…`), only in the answer that created the webhook; keep it to verify "
                + "`webhook-signature`") @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WebhookView of(Webhook webhook) {
        return withSecret(webhook, null);
    }

    static WebhookView withSecret(Webhook webhook, String secret) {
        return new WebhookView(webhook.id, webhook.name, webhook.url, List.of(webhook.events), webhook.siteId,
                webhook.spikeThresholdPct.doubleValue(), webhook.dropThresholdPct.doubleValue(), GoalRules.of(webhook), webhook.enabled,
                webhook.disabledReason, webhook.disabledAt, webhook.createdAt, webhook.updatedAt, secret);
    }
}
