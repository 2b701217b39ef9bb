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

/** The retention job deletes deliveries older than 30 days, with their attempts, in batches, and nothing newer. */
@QuarkusTest
class DeliveryRetentionTest {

    @Inject
    DeliveryRetention retention;

    @Inject
    DeliveryLog log;

    @Inject
    EntityManager entityManager;

    @Test
    void deliveriesPastTheRetentionAreDeletedWithTheirAttempts() {
        UUID webhook = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        Instant old = Instant.now().minus(Duration.ofDays(31));
        Instant recent = Instant.now().minus(Duration.ofDays(29));
        List<AttemptRecord> records = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            records.add(record(webhook, account, old));
        }
        records.add(record(webhook, account, recent));
        log.applyAll(records);

        retention.purge();

        assertEquals(List.of(1L), counts(webhook));
    }

    private List<Long> counts(UUID webhook) {
        return QuarkusTransaction.requiringNew().call(() -> List.of(((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM delivery d JOIN delivery_attempt a ON a.delivery_id = d.id WHERE d.webhook_id = ?1")
                .setParameter(1, webhook).getSingleResult()).longValue()));
    }

    private static AttemptRecord record(UUID webhook, UUID account, Instant at) {
        return new AttemptRecord(UUID.randomUUID().toString(), webhook, account, "goal.converted", "ST-R", 0, 1, at, 5, 200, null,
                "ok", "delivered", null);
    }
}
