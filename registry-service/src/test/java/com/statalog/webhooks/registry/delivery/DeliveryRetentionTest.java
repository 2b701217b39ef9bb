package com.statalog.webhooks.registry.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import com.statalog.webhooks.contracts.attempt.AttemptRecord;

/**
 * The log keeps deliveries for the retention (30 days) and then drops their day whole: the job at a
 * later time drops the days wholly past it and nothing newer, and a record of a delivery made
 * before the retention is not written.
 */
@QuarkusTest
class DeliveryRetentionTest {

    @Inject
    DeliveryRetention retention;

    @Inject
    DeliveryLog log;

    @Inject
    EntityManager entityManager;

    @Test
    void daysPastTheRetentionAreDroppedWholeAndNothingNewer() {
        UUID webhook = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(28)).minus(Duration.ofHours(12));
        Instant recent = now.minus(Duration.ofDays(25));
        List<AttemptRecord> records = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            records.add(record(webhook, account, old));
        }
        records.add(record(webhook, account, recent));
        log.applyAll(records);
        assertEquals(2_501L, count(webhook));

        // three days later, the old deliveries' day is wholly 30 days old; the recent ones' is not
        retention.purge(now.plus(Duration.ofDays(3)));

        assertEquals(1L, count(webhook));
        assertEquals(0L, partitionsOf(old));
    }

    @Test
    void aRecordOfADeliveryMadeBeforeTheRetentionIsNotWritten() {
        UUID webhook = UUID.randomUUID();
        Instant expired = Instant.now().minus(Duration.ofDays(32));

        log.applyAll(List.of(record(webhook, UUID.randomUUID(), expired)));

        assertEquals(0L, count(webhook));
        assertEquals(0L, partitionsOf(expired));
    }

    private long count(UUID webhook) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM delivery WHERE webhook_id = ?1")
                .setParameter(1, webhook).getSingleResult()).longValue());
    }

    private long partitionsOf(Instant day) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM pg_class WHERE relname = ?1")
                .setParameter(1, DeliveryPartitions.partitionName(DeliveryPartitions.dayOf(day))).getSingleResult()).longValue());
    }

    private static AttemptRecord record(UUID webhook, UUID account, Instant at) {
        return new AttemptRecord(UUID.randomUUID().toString(), webhook, account, "goal.converted", "ST-R", 0, 1, at, 5, 200, null,
                "ok", "delivered", null, at, null, null);
    }
}
