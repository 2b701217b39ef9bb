package com.statalog.webhooks.registry.delivery;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ApplyGuard;

import com.statalog.webhooks.contracts.attempt.AttemptRecord;
import com.statalog.webhooks.registry.DatabaseWrites;
import com.statalog.webhooks.registry.webhook.WebhookHealth;

/**
 * Writes the delivery log. Applying the same record twice changes nothing: an attempt is stored
 * once per (delivery, replay, attempt), and a delivery's status moves only forward in (replay,
 * attempt). A {@code cancelled} record is not an attempt: it changes the status only. The records
 * also tell the {@link WebhookHealth} what it judges webhooks by.
 */
@ApplicationScoped
public class DeliveryLog {

    static final String CANCELLED = "cancelled";
    private static final String INSERT_ATTEMPT = """
            INSERT INTO delivery_attempt (delivery_id, replay, attempt, at, status_code, error, duration_ms, response_excerpt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (delivery_id, replay, attempt) DO NOTHING
            """;

    private final EntityManager entityManager;
    private final WebhookHealth health;

    DeliveryLog(EntityManager entityManager, WebhookHealth health) {
        this.entityManager = entityManager;
        this.health = health;
    }

    /**
     * Applies records in order, in one transaction and two JDBC batches: the attempt topic carries
     * one record per delivery attempt, thousands a second under load, and a transaction each would
     * spend the database's time on commits. Tried until the database takes it, each time in a new
     * transaction: the log loses nothing while PostgreSQL is down.
     */
    @ApplyGuard(DatabaseWrites.UNTIL_DONE)
    public void applyAll(List<AttemptRecord> records) {
        QuarkusTransaction.requiringNew().run(() -> write(records));
    }

    private void write(List<AttemptRecord> records) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement deliveries = connection.prepareStatement("""
                    INSERT INTO delivery (id, webhook_id, account_id, event, site_id, status, replay, last_attempt, test,
                                          created_at, ended_at, body)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, replay = EXCLUDED.replay,
                        last_attempt = EXCLUDED.last_attempt, ended_at = EXCLUDED.ended_at,
                        body = coalesce(EXCLUDED.body, delivery.body), site_id = coalesce(delivery.site_id, EXCLUDED.site_id)
                    WHERE (delivery.replay, delivery.last_attempt) < (EXCLUDED.replay, EXCLUDED.last_attempt)
                       OR (delivery.replay = EXCLUDED.replay AND delivery.last_attempt = EXCLUDED.last_attempt
                           AND EXCLUDED.status = 'cancelled')
                    """);
                    PreparedStatement attempts = connection.prepareStatement(INSERT_ATTEMPT)) {
                for (AttemptRecord record : records) {
                    deliveries.setString(1, record.deliveryId());
                    deliveries.setObject(2, record.webhookId());
                    deliveries.setObject(3, record.accountId());
                    deliveries.setString(4, record.event());
                    deliveries.setString(5, record.siteId());
                    deliveries.setString(6, record.state());
                    deliveries.setInt(7, record.replay());
                    deliveries.setInt(8, record.attempt());
                    deliveries.setObject(9, record.at().atOffset(ZoneOffset.UTC));
                    deliveries.setObject(10, record.isFinal() ? record.at().atOffset(ZoneOffset.UTC) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                    deliveries.setBytes(11, record.body());
                    deliveries.addBatch();
                    if (!CANCELLED.equals(record.state())) {
                        bindAttempt(attempts, record.deliveryId(), record.replay(), record.attempt(), record.at(),
                                record.statusCode(), record.error(), record.durationMs(), record.responseExcerpt());
                        attempts.addBatch();
                    }
                }
                // every delivery row first: an attempt row refers to its delivery
                deliveries.executeBatch();
                attempts.executeBatch();
            }
        });
        // 410 Gone: the endpoint asked for no more deliveries
        records.stream().filter(record -> Integer.valueOf(410).equals(record.statusCode()))
                .forEach(record -> health.endpointGone(record.webhookId(), record.at()));
        health.judgeFailing(records.stream().filter(record -> "dropped".equals(record.state()))
                .map(AttemptRecord::webhookId).distinct().toList());
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
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_ATTEMPT)) {
                bindAttempt(statement, id, 0, 1, at, statusCode, error, durationMs, null);
                statement.executeUpdate();
            }
        });
    }

    private static void bindAttempt(PreparedStatement statement, String deliveryId, int replay, int attempt, Instant at,
            Integer statusCode, String error, long durationMs, String excerpt) throws SQLException {
        statement.setString(1, deliveryId);
        statement.setInt(2, replay);
        statement.setInt(3, attempt);
        statement.setObject(4, at.atOffset(ZoneOffset.UTC));
        statement.setObject(5, statusCode, Types.INTEGER);
        statement.setString(6, error);
        statement.setLong(7, durationMs);
        statement.setString(8, excerpt);
    }
}
