package com.statalog.webhooks.registry.config;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.statalog.webhooks.registry.account.Site;
import com.statalog.webhooks.registry.webhook.GoalFilter;
import com.statalog.webhooks.registry.webhook.Webhook;

/**
 * The values of the configuration topic (docs/config-topic.md). The key of a record names the
 * entity ({@code site:<site_id>}, {@code webhook:<id>}); its value is the entity's whole current
 * state, so the compacted topic is a table that a consumer can rebuild from the start.
 */
public final class ConfigMessage {

    private ConfigMessage() {
    }

    public record SiteState(String type, String siteId, UUID accountId) {
        static SiteState of(Site site) {
            return new SiteState("site", site.siteId, site.accountId);
        }
    }

    /** The signing secret travels as it is stored: AES-GCM ciphertext (base64) and the id of its key. */
    public record SealedSecret(String keyId, String ciphertext) {
    }

    /** The secret a rotation replaced, sealed alike, to be listed in webhook-signature until {@code until}. */
    public record PreviousSecret(String keyId, String ciphertext, Instant until) {
    }

    public record WebhookState(String type, UUID id, UUID accountId, String siteId, String url, List<String> events,
            double spikeThresholdPct, double dropThresholdPct, GoalFilter goals, boolean enabled, SealedSecret secret,
            PreviousSecret previousSecret) {
        static WebhookState of(Webhook webhook) {
            return new WebhookState("webhook", webhook.id, webhook.accountId, webhook.siteId, webhook.url,
                    List.of(webhook.events), webhook.spikeThresholdPct.doubleValue(), webhook.dropThresholdPct.doubleValue(),
                    GoalFilter.of(webhook), webhook.enabled,
                    new SealedSecret(webhook.secretKeyId, Base64.getEncoder().encodeToString(webhook.secretCiphertext)),
                    webhook.previousSecretKeyId == null ? null : new PreviousSecret(webhook.previousSecretKeyId,
                            Base64.getEncoder().encodeToString(webhook.previousSecretCiphertext), webhook.previousSecretUntil));
        }
    }

    static String siteKey(String siteId) {
        return "site:" + siteId;
    }

    static String webhookKey(UUID id) {
        return "webhook:" + id;
    }
}
