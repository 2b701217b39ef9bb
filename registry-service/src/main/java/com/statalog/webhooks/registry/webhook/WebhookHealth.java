package com.statalog.webhooks.registry.webhook;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

import com.statalog.webhooks.registry.RegistryConfig;
import com.statalog.webhooks.registry.outbox.Outbox;

/**
 * Disables webhooks whose endpoints are gone or failing, inside the delivery log's transaction:
 * at once when an endpoint answers 410 Gone, and when every delivery has been dropped for
 * {@code statalog.auto-disable.after} (at least {@code min-dropped} of them) since the later of its
 * last success (the latest time a delivery of it was delivered, which the delivery log keeps in
 * {@code webhook_last_delivered}) and its enabling. Only what was dropped after the webhook was last enabled
 * counts, so a record read late never disables a webhook the account has just re-enabled. The
 * dispatcher learns it from the configuration topic and the account from
 * {@link AccountNotifications}.
 */
@Startup // so that its counters exist from the start
@ApplicationScoped
public class WebhookHealth {

    private static final Logger LOG = Logger.getLogger(WebhookHealth.class);

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final AccountNotifications notifications;
    private final RegistryConfig.AutoDisable rules;
    private final MeterRegistry meters;

    WebhookHealth(EntityManager entityManager, Outbox outbox, AccountNotifications notifications, RegistryConfig config,
            MeterRegistry meters) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.notifications = notifications;
        this.rules = config.autoDisable();
        this.meters = meters;
        // the automatic reasons' series exist from the start at 0: an alert on their increase sees the first one
        List.of(DisabledReason.ENDPOINT_GONE, DisabledReason.DELIVERIES_FAILING)
                .forEach(reason -> meters.counter("statalog.webhooks.disabled", "reason", reason.wireName()));
    }

    /** The webhook's endpoint answered 410 Gone at {@code at}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endpointGone(UUID webhookId, Instant at) {
        Webhook webhook = Webhook.findById(webhookId);
        if (webhook != null && webhook.enabled && at.isAfter(webhook.enabledAt)) {
            disable(webhook, DisabledReason.ENDPOINT_GONE);
        }
    }

    /** Looks at webhooks that have just had a delivery dropped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void judgeFailing(List<UUID> webhookIds) {
        if (webhookIds.isEmpty()) {
            return;
        }
        // the two lateral lookups are range scans of the dropped deliveries' partial index; the count stops at the minimum
        @SuppressWarnings("unchecked")
        List<UUID> failing = entityManager.createNativeQuery("""
                SELECT w.id FROM webhook w
                LEFT JOIN webhook_last_delivered l ON l.webhook_id = w.id
                CROSS JOIN LATERAL (SELECT min(d.ended_at) AS at FROM delivery d
                                    WHERE d.webhook_id = w.id AND d.status = 'dropped'
                                      AND d.ended_at > greatest(w.enabled_at, l.at)) AS first_drop
                CROSS JOIN LATERAL (SELECT count(*) AS n FROM (SELECT 1 FROM delivery d
                                    WHERE d.webhook_id = w.id AND d.status = 'dropped'
                                      AND d.ended_at > greatest(w.enabled_at, l.at)
                                    LIMIT :min) AS counted) AS dropped
                WHERE w.id IN (:ids) AND w.enabled AND first_drop.at <= :cutoff AND dropped.n >= :min
                """, UUID.class)
                .setParameter("ids", webhookIds)
                .setParameter("min", rules.minDropped())
                .setParameter("cutoff", Instant.now().minus(rules.after()))
                .getResultList();
        for (UUID id : failing) {
            disable(Webhook.findById(id), DisabledReason.DELIVERIES_FAILING);
        }
    }

    private void disable(Webhook webhook, DisabledReason reason) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        webhook.disable(reason, now);
        webhook.updatedAt = now;
        outbox.webhookChanged(webhook);
        notifications.webhookDisabled(webhook, reason);
        meters.counter("statalog.webhooks.disabled", "reason", reason.wireName()).increment();
        LOG.infof("webhook %s of account %s disabled: %s", webhook.id, webhook.accountId, reason.wireName());
    }
}
