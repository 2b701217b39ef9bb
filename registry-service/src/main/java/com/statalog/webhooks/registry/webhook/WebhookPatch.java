package com.statalog.webhooks.registry.webhook;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.statalog.webhooks.contracts.config.Goals;

/**
 * A change to a webhook ({@code PATCH}): the fields present in the body are changed, the others
 * kept. A field sent as null is present: for {@code site_id} and {@code goals} null is a value
 * (all sites, every goal), for the others an error ({@link #NOT_NULL}).
 */
public record WebhookPatch(@WebhookRules.Name @Schema(description = WebhookFields.NAME, pattern = WebhookFields.NOT_BLANK) String name,
        @WebhookRules.Url @Schema(description = WebhookFields.URL, pattern = WebhookFields.NOT_BLANK) String url,
        @WebhookRules.Events @Schema(description = WebhookFields.EVENTS) List<String> events,
        @Schema(description = WebhookFields.SITE_ID, nullable = true) String siteId,
        @WebhookRules.Percentage(max = WebhookRules.MAX_SPIKE)
        @Schema(description = WebhookFields.SPIKE, maximum = WebhookRules.MAX_SPIKE) BigDecimal spikeThresholdPct,
        @WebhookRules.Percentage(max = WebhookRules.MAX_DROP)
        @Schema(description = WebhookFields.DROP, maximum = WebhookRules.MAX_DROP) BigDecimal dropThresholdPct,
        @Schema(description = WebhookFields.GOALS, implementation = Goals.class, nullable = true) JsonNode goals,
        @Schema(description = WebhookFields.ENABLED) Boolean enabled) {

    /** The fields a PATCH may carry, by JSON name. */
    static final Set<String> FIELDS = Set.of("name", "url", "events", "site_id", "spike_threshold_pct", "drop_threshold_pct", "goals",
            "enabled");
    /** The fields that, when present, must not be null. */
    static final Set<String> NOT_NULL = Set.of("name", "url", "events", "spike_threshold_pct", "drop_threshold_pct", "enabled");
}
