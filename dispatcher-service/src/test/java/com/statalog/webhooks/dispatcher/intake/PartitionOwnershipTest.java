package com.statalog.webhooks.dispatcher.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.statalog.webhooks.dispatcher.delivery.AttemptOutcome;
import com.statalog.webhooks.dispatcher.delivery.LaneTurn;
import com.statalog.webhooks.dispatcher.delivery.WebhookLanes;

/** A record read under one assignment of its partition stays ours only while that assignment lasts. */
class PartitionOwnershipTest {

    private static final String TOPIC = "statalog.events";
    private static final UUID WEBHOOK = UUID.randomUUID();
    private static final String ORIGIN = "https://receiver.example:443";
    private final WebhookLanes lanes = new WebhookLanes(new WebhookLanes.Limits(1, 64, 1000, Duration.ofSeconds(1), Duration.ofMinutes(1)),
            new SimpleMeterRegistry());
    private final PartitionOwnership ownership = new PartitionOwnership(lanes);

    @Test
    void aClaimEndsWhenItsPartitionIsRevokedAndIsNotRevivedByALaterAssignment() {
        ownership.onPartitionsAssigned(null, List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
        BooleanSupplier first = ownership.claim(TOPIC, 0);
        BooleanSupplier other = ownership.claim(TOPIC, 1);
        assertTrue(first.getAsBoolean());

        ownership.onPartitionsRevoked(null, List.of(new TopicPartition(TOPIC, 0)));
        assertFalse(first.getAsBoolean());
        assertFalse(ownership.claim(TOPIC, 0).getAsBoolean(), "a record of a revoked partition read late is not ours either");
        assertTrue(other.getAsBoolean(), "only the revoked partition's records are given up");

        // assigned back: its records are read again from the committed offset, the old ones are not ours to send
        ownership.onPartitionsAssigned(null, List.of(new TopicPartition(TOPIC, 0)));
        assertFalse(first.getAsBoolean());
        assertTrue(ownership.claim(TOPIC, 0).getAsBoolean());
    }

    @Test
    void aPartitionNeverSeenAssignedCountsAsOursSoThatNothingIsDropped() {
        assertTrue(ownership.claim(TOPIC, 5).getAsBoolean());
    }

    @Test
    void attemptsParkedForARevokedPartitionLeaveTheirLaneAtTheRevocation() {
        ownership.onPartitionsAssigned(null, List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
        CompletableFuture<AttemptOutcome> running = new CompletableFuture<>();
        lanes.run(WEBHOOK, ORIGIN, ownership.claim(TOPIC, 1), () -> running);
        CompletionStage<LaneTurn> moved = lanes.run(WEBHOOK, ORIGIN, ownership.claim(TOPIC, 0), () -> running);
        CompletionStage<LaneTurn> kept = lanes.run(WEBHOOK, ORIGIN, ownership.claim(TOPIC, 1), () -> running);

        // the running attempt has not answered: without the sweep the moved one would wait for it
        ownership.onPartitionsRevoked(null, List.of(new TopicPartition(TOPIC, 0)));

        await().atMost(Duration.ofSeconds(5)).until(() -> moved.toCompletableFuture().isDone());
        assertEquals(LaneTurn.Kind.UNWANTED, moved.toCompletableFuture().join().kind());
        assertFalse(kept.toCompletableFuture().isDone());
    }
}
