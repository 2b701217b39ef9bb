package com.statalog.webhooks.dispatcher.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final OffsetLedger ledger = new OffsetLedger();
    private final PartitionOwnership ownership = new PartitionOwnership(lanes, ledger, Duration.ofSeconds(1));

    @Test
    void aClaimEndsWhenItsPartitionIsRevokedAndIsNotRevivedByALaterAssignment() {
        ownership.onPartitionsAssigned(consumer, List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
        BooleanSupplier first = ownership.claim(TOPIC, 0);
        BooleanSupplier other = ownership.claim(TOPIC, 1);
        assertTrue(first.getAsBoolean());

        ownership.onPartitionsRevoked(consumer, List.of(new TopicPartition(TOPIC, 0)));
        assertFalse(first.getAsBoolean());
        assertFalse(ownership.claim(TOPIC, 0).getAsBoolean(), "a record of a revoked partition read late is not ours either");
        assertTrue(other.getAsBoolean(), "only the revoked partition's records are given up");

        // assigned back: its records are read again from the committed offset, the old ones are not ours to send
        ownership.onPartitionsAssigned(consumer, List.of(new TopicPartition(TOPIC, 0)));
        assertFalse(first.getAsBoolean());
        assertTrue(ownership.claim(TOPIC, 0).getAsBoolean());
    }

    @Test
    void aPartitionGivenUpTellsItsNextOwnerWhereToStartAndWhatBeyondIsFinished() {
        TopicPartition partition = new TopicPartition(TOPIC, 2);
        consumer.assign(List.of(partition));
        ownership.onPartitionsAssigned(consumer, List.of(partition));
        for (long offset = 40; offset < 45; offset++) {
            ledger.read(partition, offset);
        }
        ledger.finished(partition, 40);
        ledger.finished(partition, 42);
        ledger.finished(partition, 44);
        ledger.givenUp(partition, 43);
        // what SmallRye commits just before it calls the listener: 41 is still being delivered
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(41)));
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> ledger.finished(partition, 41));

        ownership.onPartitionsRevoked(consumer, List.of(partition));

        OffsetAndMetadata note = consumer.committed(Set.of(partition)).get(partition);
        assertEquals(43, note.offset(), "everything before the given-up 43 is finished, 41 included");
        OffsetLedger nextOwnersLedger = new OffsetLedger();
        new PartitionOwnership(lanes, nextOwnersLedger, Duration.ofSeconds(1)).onPartitionsAssigned(consumer, List.of(partition));
        assertFalse(nextOwnersLedger.finishedByPreviousOwner(partition, 43), "given up: the next owner delivers it");
        assertTrue(nextOwnersLedger.finishedByPreviousOwner(partition, 44));
    }

    @Test
    void aPartitionNeverSeenAssignedCountsAsOursSoThatNothingIsDropped() {
        assertTrue(ownership.claim(TOPIC, 5).getAsBoolean());
    }

    @Test
    void attemptsParkedForARevokedPartitionLeaveTheirLaneAtTheRevocation() {
        ownership.onPartitionsAssigned(consumer, List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
        CompletableFuture<AttemptOutcome> running = new CompletableFuture<>();
        lanes.run(WEBHOOK, ORIGIN, ownership.claim(TOPIC, 1), () -> running);
        CompletionStage<LaneTurn> moved = lanes.run(WEBHOOK, ORIGIN, ownership.claim(TOPIC, 0), () -> running);
        CompletionStage<LaneTurn> kept = lanes.run(WEBHOOK, ORIGIN, ownership.claim(TOPIC, 1), () -> running);

        // the running attempt has not answered: without the sweep the moved one would wait for it
        ownership.onPartitionsRevoked(consumer, List.of(new TopicPartition(TOPIC, 0)));

        await().atMost(Duration.ofSeconds(5)).until(() -> moved.toCompletableFuture().isDone());
        assertEquals(LaneTurn.Kind.UNWANTED, moved.toCompletableFuture().join().kind());
        assertFalse(kept.toCompletableFuture().isDone());
    }

    @Test
    void attemptsParkedForAPartitionLostUnheardLeaveTheirLaneWhenItIsAssignedAgain() {
        ownership.onPartitionsAssigned(consumer, List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
        CompletableFuture<AttemptOutcome> running = new CompletableFuture<>();
        lanes.run(WEBHOOK, ORIGIN, ownership.claim(TOPIC, 1), () -> running);
        CompletionStage<LaneTurn> lost = lanes.run(WEBHOOK, ORIGIN, ownership.claim(TOPIC, 0), () -> running);
        BooleanSupplier wentElsewhere = ownership.claim(TOPIC, 1);

        // no revocation: SmallRye's commit of the lost partitions failed before it could call the listener; partition 0
        // comes back to this replica, partition 1 went to another
        consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
        ownership.onPartitionsAssigned(consumer, List.of(new TopicPartition(TOPIC, 0)));

        await().atMost(Duration.ofSeconds(5)).until(() -> lost.toCompletableFuture().isDone());
        assertEquals(LaneTurn.Kind.UNWANTED, lost.toCompletableFuture().join().kind());
        assertFalse(wentElsewhere.getAsBoolean(), "a partition lost to another replica is not ours either");
    }
}
