package com.statalog.webhooks.dispatcher.intake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A record read under one assignment of its partition stays ours only while that assignment lasts. */
class PartitionOwnershipTest {

    private static final String TOPIC = "statalog.events";
    private final PartitionOwnership ownership = new PartitionOwnership();

    @Test
    void aClaimEndsWhenItsPartitionIsRevokedOrLostAndIsNotRevivedByALaterAssignment() {
        ownership.onPartitionsAssigned(null, List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1)));
        BooleanSupplier first = ownership.claim(TOPIC, 0);
        BooleanSupplier other = ownership.claim(TOPIC, 1);
        assertTrue(first.getAsBoolean());

        ownership.onPartitionsRevoked(null, List.of(new TopicPartition(TOPIC, 0)));
        assertFalse(first.getAsBoolean());
        assertTrue(other.getAsBoolean(), "only the revoked partition's records are given up");

        // assigned back: the records are read again from the committed offset, the old ones are not ours to send
        ownership.onPartitionsAssigned(null, List.of(new TopicPartition(TOPIC, 0)));
        assertFalse(first.getAsBoolean());
        assertTrue(ownership.claim(TOPIC, 0).getAsBoolean());

        ownership.onPartitionsLost(null, List.of(new TopicPartition(TOPIC, 1)));
        assertFalse(other.getAsBoolean());
    }

    @Test
    void aPartitionNeverSeenAssignedCountsAsOursSoThatNothingIsDropped() {
        assertTrue(ownership.claim(TOPIC, 5).getAsBoolean());
    }
}
