package com.statalog.webhooks.registry.delivery;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * Applies records as if one after the other, in one transaction and two JDBC batches: the
     * attempt topic carries one record per delivery attempt, thousands a second under load, and a
     * transaction each would spend the database's time on commits. The driver sends each batch as
     * multi-row statements ({@code reWriteBatchedInserts}), in which PostgreSQL refuses to update
     * one row twice, so a delivery's records in the batch are first folded into one row.
     */
    @Transactional
    public void applyAll(List<AttemptRecord> records) {
        Map<String, DeliveryRow> rows = new LinkedHashMap<>();
        records.forEach(record -> rows.merge(record.deliveryId(), DeliveryRow.of(record), DeliveryRow::then));
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement deliveries = connection.prepareStatement("""
                    INSERT INTO delivery (id, webhook_id, account_id, event, status, last_attempt, test, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, false, ?)
                    ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, last_attempt = EXCLUDED.last_attempt
                    WHERE delivery.last_attempt < EXCLUDED.last_attempt
                       OR (delivery.last_attempt = EXCLUDED.last_attempt AND EXCLUDED.status = 'cancelled')
                    """);
                    PreparedStatement attempts = connection.prepareStatement(INSERT_ATTEMPT)) {
                for (DeliveryRow row : rows.values()) {
                    deliveries.setString(1, row.first().deliveryId());
                    deliveries.setObject(2, row.first().webhookId());
                    deliveries.setObject(3, row.first().accountId());
                    deliveries.setString(4, row.first().event());
                    deliveries.setString(5, row.latest().state());
                    deliveries.setInt(6, row.latest().attempt());
                    deliveries.setObject(7, row.first().at().atOffset(ZoneOffset.UTC));
                    deliveries.addBatch();
                }
                for (AttemptRecord record : records) {
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

    /**
     * A delivery's records of one batch as one row: created with the first, its status from the
     * one the database would keep last when given them in order (a later attempt, or a
     * cancellation of the same attempt).
     */
    private record DeliveryRow(AttemptRecord first, AttemptRecord latest) {

        static DeliveryRow of(AttemptRecord record) {
            return new DeliveryRow(record, record);
        }

        DeliveryRow then(DeliveryRow next) {
            AttemptRecord candidate = next.latest();
            boolean moves = candidate.attempt() > latest.attempt()
                    || (candidate.attempt() == latest.attempt() && CANCELLED.equals(candidate.state()));
            return moves ? new DeliveryRow(first, candidate) : this;
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
