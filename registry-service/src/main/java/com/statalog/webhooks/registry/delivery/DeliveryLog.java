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

/**
 * Writes the delivery log. Applying the same record twice changes nothing: an attempt is stored
 * once per (delivery, attempt), and a delivery's status moves only forward in attempt number.
 * A {@code cancelled} record is not an attempt: it changes the status only.
 */
@ApplicationScoped
public class DeliveryLog {

    static final String CANCELLED = "cancelled";
    private static final String INSERT_ATTEMPT = """
            INSERT INTO delivery_attempt (delivery_id, attempt, at, status_code, error, duration_ms, response_excerpt)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (delivery_id, attempt) DO NOTHING
            """;

    private final EntityManager entityManager;

    DeliveryLog(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Applies records in order, in one transaction and two JDBC batches: the attempt topic carries
     * one record per delivery attempt, thousands a second under load, and a transaction each would
     * spend the database's time on commits.
     */
    @Transactional
    public void applyAll(List<AttemptRecord> records) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement deliveries = connection.prepareStatement("""
                    INSERT INTO delivery (id, webhook_id, account_id, event, status, last_attempt, test, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, false, ?)
                    ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, last_attempt = EXCLUDED.last_attempt
                    WHERE delivery.last_attempt < EXCLUDED.last_attempt
                       OR (delivery.last_attempt = EXCLUDED.last_attempt AND EXCLUDED.status = 'cancelled')
                    """);
                    PreparedStatement attempts = connection.prepareStatement(INSERT_ATTEMPT)) {
                for (AttemptRecord record : records) {
                    deliveries.setString(1, record.deliveryId());
                    deliveries.setObject(2, record.webhookId());
                    deliveries.setObject(3, record.accountId());
                    deliveries.setString(4, record.event());
                    deliveries.setString(5, record.state());
                    deliveries.setInt(6, record.attempt());
                    deliveries.setObject(7, record.at().atOffset(ZoneOffset.UTC));
                    deliveries.addBatch();
                    if (!CANCELLED.equals(record.state())) {
                        bindAttempt(attempts, record.deliveryId(), record.attempt(), record.at(), record.statusCode(),
                                record.error(), record.durationMs(), record.responseExcerpt());
                        attempts.addBatch();
                    }
                }
                // every delivery row first: an attempt row refers to its delivery
                deliveries.executeBatch();
                attempts.executeBatch();
            }
        });
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
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_ATTEMPT)) {
                bindAttempt(statement, deliveryId, attempt, at, statusCode, error, durationMs, excerpt);
                statement.executeUpdate();
            }
        });
    }

    private static void bindAttempt(PreparedStatement statement, String deliveryId, int attempt, Instant at, Integer statusCode,
            String error, long durationMs, String excerpt) throws SQLException {
        statement.setString(1, deliveryId);
        statement.setInt(2, attempt);
        statement.setObject(3, at.atOffset(ZoneOffset.UTC));
        statement.setObject(4, statusCode, Types.INTEGER);
        statement.setString(5, error);
        statement.setLong(6, durationMs);
        statement.setString(7, excerpt);
    }
}
