package com.statalog.webhooks.registry.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.statalog.webhooks.registry.RegistryConfig;
import com.statalog.webhooks.registry.outbox.Outbox;

/**
 * Tells an account what happened to its webhooks, on statalog.account-notifications (key: the
 * account id) through the outbox, so that the notice commits with the change. Whoever emails or
 * shows notices to customers reads that topic. Format: docs/beyond-the-spec.md ("Auto-disable").
 */
@ApplicationScoped
public class AccountNotifications {

    /**
     * {@code type} webhook.disabled: a webhook was disabled by the platform, not by the account. No
     * URL: some endpoints carry a credential in theirs, and notices travel further than the API.
     */
    public record WebhookDisabled(String type, UUID accountId, UUID webhookId, String webhookName, String reason,
            String message, Instant disabledAt) {
    }

    private final Outbox outbox;
    private final String topic;

    AccountNotifications(Outbox outbox, RegistryConfig config) {
        this.outbox = outbox;
        this.topic = config.topics().accountNotifications();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void webhookDisabled(Webhook webhook, DisabledReason reason) {
        outbox.append(topic, webhook.accountId.toString(), new WebhookDisabled("webhook.disabled", webhook.accountId, webhook.id,
                webhook.name, reason.wireName(), reason.explanation(), webhook.disabledAt));
    }
}
