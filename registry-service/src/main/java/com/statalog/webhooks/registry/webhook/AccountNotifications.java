package com.statalog.webhooks.registry.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.statalog.webhooks.contracts.notification.WebhookDisabled;
import com.statalog.webhooks.registry.RegistryConfig;
import com.statalog.webhooks.registry.outbox.Outbox;

/**
 * Tells an account what happened to its webhooks, on statalog.account-notifications (key: the
 * account id) through the outbox, so that the notice commits with the change. Whoever emails or
 * shows notices to customers reads that topic. Format: {@link WebhookDisabled}, docs/beyond-the-spec.md ("Auto-disable").
 */
@ApplicationScoped
public class AccountNotifications {

    private final Outbox outbox;
    private final String topic;

    AccountNotifications(Outbox outbox, RegistryConfig config) {
        this.outbox = outbox;
        this.topic = config.topics().accountNotifications();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void webhookDisabled(Webhook webhook, DisabledReason reason) {
        outbox.append(topic, webhook.accountId.toString(), WebhookDisabled.of(webhook.accountId, webhook.id,
                webhook.name, reason.wireName(), reason.explanation(), webhook.disabledAt));
    }
}
