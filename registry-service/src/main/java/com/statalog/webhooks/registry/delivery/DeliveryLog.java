package com.statalog.webhooks.registry.delivery;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ApplyGuard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.attempt.AttemptRecord;
import com.statalog.webhooks.registry.DatabaseWrites;
import com.statalog.webhooks.registry.webhook.WebhookHealth;

/**
 * Writes the delivery log: one row per delivery, its attempts inline, keyed by (webhook, creation
 * time, id) in the daily partition of its creation time (V8, {@link DeliveryPartitions}). A batch
 * of records is folded to a row per delivery ({@link LogRow}), copied into a session-local staging
 * table and upserted by one statement: half the database's CPU of a JDBC batch of upserts
 * (docs/performance.md). A delivery delivered at its first attempt — nearly all of them — is one
 * insert. Applying the same record twice changes nothing: an attempt is stored once per (replay,
 * attempt), and a delivery's status moves only forward in (replay, attempt). A {@code cancelled}
 * record is not an attempt: it changes the status only. The records also tell the
 * {@link WebhookHealth} what it judges webhooks by.
 */
@ApplicationScoped
public class DeliveryLog {

    private static final Logger LOG = Logger.getLogger(DeliveryLog.class);
    private static final String COLUMNS = "webhook_id, id, account_id, created_at, ended_at, replay, last_attempt, test, event, site_id,"
            + " status, attempts, body";
    /** Emptied at every commit, so a pooled connection never carries rows into its next batch. */
    private static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS delivery_staging (LIKE delivery) ON COMMIT DELETE ROWS";
    /** The row moves the status forward: a later (replay, attempt), or a cancel of the same. */
    private static final String FORWARD = """
            ((d.replay, d.last_attempt) < (EXCLUDED.replay, EXCLUDED.last_attempt)
             OR (d.replay = EXCLUDED.replay AND d.last_attempt = EXCLUDED.last_attempt AND EXCLUDED.status = 'cancelled'))""";
    /** The row's attempts the stored row does not hold yet (records may come twice, and out of order). */
    private static final String NEW_ATTEMPTS = """
            (SELECT jsonb_agg(a) FROM jsonb_array_elements(EXCLUDED.attempts) a
             WHERE NOT d.attempts @> jsonb_build_array(jsonb_build_object('replay', a -> 'replay', 'attempt', a -> 'attempt')))""";
    private static final String UPSERT = """
            INSERT INTO delivery AS d (%1$s)
            SELECT %1$s FROM delivery_staging
            ON CONFLICT (webhook_id, created_at, id) DO UPDATE SET
                status = CASE WHEN %2$s THEN EXCLUDED.status ELSE d.status END,
                replay = CASE WHEN %2$s THEN EXCLUDED.replay ELSE d.replay END,
                last_attempt = CASE WHEN %2$s THEN EXCLUDED.last_attempt ELSE d.last_attempt END,
                ended_at = CASE WHEN %2$s THEN EXCLUDED.ended_at ELSE d.ended_at END,
                body = coalesce(d.body, EXCLUDED.body),
                site_id = coalesce(d.site_id, EXCLUDED.site_id),
                attempts = d.attempts || coalesce(%3$s, '[]')
            WHERE %2$s OR %3$s IS NOT NULL
            """.formatted(COLUMNS, FORWARD, NEW_ATTEMPTS);

    /**
     * Each webhook's latest success, kept as the latest (a record read late moves nothing back), so
     * that {@link WebhookHealth} judges a webhook without an index over every delivered row.
     */
    private static final String LAST_DELIVERED = """
            INSERT INTO webhook_last_delivered AS l (webhook_id, at)
            SELECT webhook_id, max(ended_at) FROM delivery_staging WHERE status = 'delivered' GROUP BY webhook_id
            ON CONFLICT (webhook_id) DO UPDATE SET at = EXCLUDED.at WHERE l.at < EXCLUDED.at
            """;

    private final EntityManager entityManager;
    private final DeliveryPartitions partitions;
    private final WebhookHealth health;
    private final ObjectMapper json;

    DeliveryLog(EntityManager entityManager, DeliveryPartitions partitions, WebhookHealth health, ObjectMapper json) {
        this.entityManager = entityManager;
        this.partitions = partitions;
        this.health = health;
        this.json = json;
    }

    /**
     * Applies records in order, in one transaction: the attempt topic carries one record per
     * delivery attempt, thousands a second under load, and a transaction each would spend the
     * database's time on commits. Tried until the database takes it, each time in a new
     * transaction: the log loses nothing while PostgreSQL is down. A record of a delivery made
     * before the retention is not kept (its day is gone, or about to go).
     */
    @ApplyGuard(DatabaseWrites.UNTIL_DONE)
    public void applyAll(List<AttemptRecord> records) {
        Instant now = Instant.now();
        List<AttemptRecord> retained = records.stream().filter(record -> partitions.retained(LogRow.createdAt(record), now)).toList();
        if (retained.size() < records.size()) {
            LOG.warnf("delivery log: %d records of deliveries older than the retention not kept", records.size() - retained.size());
        }
        if (retained.isEmpty()) {
            return;
        }
        partitions.makeFor(retained.stream().map(LogRow::createdAt).toList());
        QuarkusTransaction.requiringNew().run(() -> write(retained));
    }

    private void write(List<AttemptRecord> records) {
        store(LogRow.fold(records));
        // 410 Gone: the endpoint asked for no more deliveries
        records.stream().filter(record -> Integer.valueOf(410).equals(record.statusCode()))
                .forEach(record -> health.endpointGone(record.webhookId(), record.at()));
        health.judgeFailing(records.stream().filter(record -> "dropped".equals(record.state()))
                .map(AttemptRecord::webhookId).distinct().toList());
    }

    /** Copies the rows into the staging table and upserts them, and the webhooks' last successes, in the caller's transaction. */
    private void store(List<LogRow> rows) {
        String text = CopyText.of(rows, this::attempts);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGING);
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY delivery_staging (" + COLUMNS + ") FROM STDIN", new StringReader(text));
                statement.executeUpdate(UPSERT);
                statement.executeUpdate(LAST_DELIVERED);
            } catch (IOException e) {
                throw new SQLException("the delivery log's rows could not be copied", e);
            }
        });
    }

    /** The stored form of a delivery's attempts: a JSON array, read back by {@link DeliveryHistory}. */
    private String attempts(List<DeliveryDetail.Attempt> attempts) {
        try {
            return json.writeValueAsString(attempts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an attempt is not serialisable", e);
        }
    }

    /** A Send Test: one attempt, shown in the log as a test. */
    @Transactional
    public void recordTest(UUID webhookId, UUID accountId, Instant at, Integer statusCode, String error, long durationMs) {
        partitions.makeFor(List.of(at));
        store(List.of(LogRow.sendTest(webhookId, accountId, at, new DeliveryDetail.Attempt(0, 1, at, statusCode, error, durationMs, null, null, null))));
    }
}
