package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Writes the delivery log. Applying the same record twice changes nothing: an attempt is stored
 * once per (delivery, attempt), and a delivery's status moves only forward in attempt number.
 * A {@code cancelled} record is not an attempt: it changes the status only.
 */
@ApplicationScoped
public class DeliveryLog {

    static final String CANCELLED = "cancelled";

    private final EntityManager entityManager;

    DeliveryLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public void apply(AttemptRecord record) {
        entityManager.createNativeQuery("""
                INSERT INTO delivery (id, webhook_id, account_id, event, status, last_attempt, test, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, false, ?7)
                ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, last_attempt = EXCLUDED.last_attempt
                WHERE delivery.last_attempt < EXCLUDED.last_attempt
                   OR (delivery.last_attempt = EXCLUDED.last_attempt AND EXCLUDED.status = 'cancelled')
                """)
                .setParameter(1, record.deliveryId()).setParameter(2, record.webhookId()).setParameter(3, record.accountId())
                .setParameter(4, record.event()).setParameter(5, record.state()).setParameter(6, record.attempt())
                .setParameter(7, record.at())
                .executeUpdate();
        if (!CANCELLED.equals(record.state())) {
            insertAttempt(record.deliveryId(), record.attempt(), record.at(), record.statusCode(), record.error(),
                    record.durationMs(), record.responseExcerpt());
        }
    }

    /** A Send Test: one attempt, shown in the log as a test. */
    @Transactional
    public void recordTest(UUID webhookId, UUID accountId, Instant at, Integer statusCode, String error, long durationMs) {
        String id = UUID.randomUUID().toString();
        entityManager.createNativeQuery("""
                INSERT INTO delivery (id, webhook_id, account_id, event, status, last_attempt, test, created_at)
                VALUES (?1, ?2, ?3, 'test', ?4, 1, true, ?5)
                """)
                .setParameter(1, id).setParameter(2, webhookId).setParameter(3, accountId)
                .setParameter(4, error == null ? "delivered" : "dropped").setParameter(5, at)
                .executeUpdate();
        insertAttempt(id, 1, at, statusCode, error, durationMs, null);
    }

    private void insertAttempt(String deliveryId, int attempt, Instant at, Integer statusCode, String error, long durationMs,
            String excerpt) {
        entityManager.createNativeQuery("""
                INSERT INTO delivery_attempt (delivery_id, attempt, at, status_code, error, duration_ms, response_excerpt)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (delivery_id, attempt) DO NOTHING
                """)
                .setParameter(1, deliveryId).setParameter(2, attempt).setParameter(3, at)
                .setParameter(4, statusCode).setParameter(5, error).setParameter(6, durationMs).setParameter(7, excerpt)
                .executeUpdate();
    }
}
