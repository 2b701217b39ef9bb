package com.statalog.webhooks.registry.config;

import java.util.Base64;
import java.util.List;

import com.statalog.webhooks.contracts.config.PreviousSecret;
import com.statalog.webhooks.contracts.config.SealedSecret;
import com.statalog.webhooks.contracts.config.SiteState;
import com.statalog.webhooks.contracts.config.WebhookState;
import com.statalog.webhooks.registry.account.Site;
import com.statalog.webhooks.registry.webhook.GoalRules;
import com.statalog.webhooks.registry.webhook.Webhook;

/** The registry's entities as the configuration topic carries them (the contract: {@link WebhookState}, {@link SiteState}). */
public final class ConfigMessage {

    private ConfigMessage() {
    }

    public static SiteState of(Site site) {
        return SiteState.of(site.siteId, site.accountId);
    }

    public static WebhookState of(Webhook webhook) {
        return new WebhookState(WebhookState.TYPE, webhook.id, webhook.accountId, webhook.siteId, webhook.url, List.of(webhook.events),
                webhook.spikeThresholdPct.doubleValue(), webhook.dropThresholdPct.doubleValue(),
                GoalRules.of(webhook), webhook.enabled,
                new SealedSecret(webhook.secretKeyId, Base64.getEncoder().encodeToString(webhook.secretCiphertext)),
                webhook.previousSecretKeyId == null ? null : new PreviousSecret(webhook.previousSecretKeyId,
                        Base64.getEncoder().encodeToString(webhook.previousSecretCiphertext), webhook.previousSecretUntil));
    }
}
