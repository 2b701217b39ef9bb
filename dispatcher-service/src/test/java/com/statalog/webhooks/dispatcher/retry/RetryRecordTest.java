package com.statalog.webhooks.dispatcher.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.dispatcher.delivery.Delivery;

/** A retry record's due time never falls after its Kafka timestamp plus the topic's delay. */
class RetryRecordTest {

    @Test
    void theDueTimeIsKeptToTheMillisecondLikeTheRecordsTimestamp() {
        Delivery delivery = Delivery.first("d-1", UUID.randomUUID(), UUID.randomUUID(), EventType.GOAL_CONVERTED, "ST-1",
                "{}".getBytes(StandardCharsets.UTF_8));
        Instant failedAt = Instant.parse("2026-11-29T12:00:00.000900Z");
        Duration delay = Duration.ofSeconds(60);
        long timestampMillis = failedAt.toEpochMilli(); // what the producer stamps: the same moment, in milliseconds

        RetryRecord record = RetryRecord.of(delivery, failedAt.plus(delay));

        assertEquals(Instant.parse("2026-11-29T12:01:00Z"), record.dueAt());
        assertFalse(record.dueAt().isAfter(Instant.ofEpochMilli(timestampMillis).plus(delay)),
                "due at the record's turn at the latest, so it is never taken for one a Retry-After holds longer");
    }
}
