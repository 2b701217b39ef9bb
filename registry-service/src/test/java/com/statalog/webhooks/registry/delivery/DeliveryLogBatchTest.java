package com.statalog.webhooks.registry.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import com.statalog.webhooks.contracts.attempt.AttemptRecord;

/** A batch of attempt records is applied in order, in one transaction, with the same idempotence as one record at a time. */
@QuarkusTest
class DeliveryLogBatchTest {

    @Inject
    DeliveryLog log;

    @Inject
    EntityManager entityManager;

    @Test
    void aBatchWithRetriesDuplicatesAndALateOlderRecordEndsInTheNewestState() {
        UUID webhook = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        String retried = UUID.randomUUID().toString();
        String cancelled = UUID.randomUUID().toString();
        Instant at = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MICROS);

        log.applyAll(List.of(
                record(retried, webhook, account, at, 1, at, 500, "http_status", "retrying"),
                record(retried, webhook, account, at, 2, at.plusSeconds(60), 200, null, "delivered"),
                record(retried, webhook, account, at, 2, at.plusSeconds(60), 200, null, "delivered"),
                record(retried, webhook, account, at, 1, at, 500, "http_status", "retrying"),
                record(cancelled, webhook, account, at, 1, at, 503, "http_status", "retrying"),
                record(cancelled, webhook, account, at, 1, at.plusSeconds(60), null, null, "cancelled")));

        assertEquals(List.of(List.of(retried, "delivered", 2, 2L), List.of(cancelled, "cancelled", 1, 1L)), rows(webhook));
    }

    @Test
    void aDeliveryKeepsItsCreationTimeWhenLaterBatchesMoveIt() {
        UUID webhook = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        String delivery = UUID.randomUUID().toString();
        Instant at = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MICROS);

        log.applyAll(List.of(record(delivery, webhook, account, at, 1, at, 500, "http_status", "retrying")));
        log.applyAll(List.of(
                record(delivery, webhook, account, at, 2, at.plusSeconds(60), 503, "http_status", "retrying"),
                record(delivery, webhook, account, at, 3, at.plusSeconds(180), 200, null, "delivered"),
                record(delivery, webhook, account, at, 2, at.plusSeconds(60), 503, "http_status", "retrying")));

        assertEquals(List.of(List.of(delivery, "delivered", 3, 3L)), rows(webhook));
        Object createdAt = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("SELECT created_at = ?2 FROM delivery WHERE id = ?1")
                .setParameter(1, UUID.fromString(delivery)).setParameter(2, at.atOffset(ZoneOffset.UTC)).getSingleResult());
        assertEquals(Boolean.TRUE, createdAt);
    }

    private List<List<Object>> rows(UUID webhook) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT CAST(d.id AS text), d.status, d.last_attempt, jsonb_array_length(d.attempts)
                FROM delivery d WHERE d.webhook_id = ?1 ORDER BY d.status DESC
                """).setParameter(1, webhook).getResultList().stream()
                .map(row -> {
                    Object[] columns = (Object[]) row;
                    return List.<Object>of(columns[0], columns[1], ((Number) columns[2]).intValue(), ((Number) columns[3]).longValue());
                }).toList());
    }

    private static AttemptRecord record(String delivery, UUID webhook, UUID account, Instant createdAt, int attempt, Instant at,
            Integer status, String error, String state) {
        return new AttemptRecord(delivery, webhook, account, "goal.converted", "ST-B", 0, attempt, at, 5, status, error, null, state,
                null, createdAt, null, null);
    }
}
