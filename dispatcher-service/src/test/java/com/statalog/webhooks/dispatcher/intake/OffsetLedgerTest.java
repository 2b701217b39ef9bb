package com.statalog.webhooks.dispatcher.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

    private static final TopicPartition P = new TopicPartition("statalog.events", 3);

    private final OffsetLedger ledger = new OffsetLedger();

    @Test
    void recordsFinishedWhileAnEarlierOneIsOpenAreNotedUntilItCloses() {
        for (long offset = 10; offset <= 14; offset++) {
            ledger.read(P, offset);
        }
        ledger.finished(P, 12);
        ledger.finished(P, 14);
        ledger.finished(P, 11);

        FinishedOffsets ahead = ledger.finishedFrom(P, 10);
        assertEquals(3, ahead.count());
        assertTrue(ahead.contains(11) && ahead.contains(12) && ahead.contains(14));

        ledger.finished(P, 10);
        assertEquals(1, ledger.finishedFrom(P, 13).count(), "13 still open: only 14 is ahead of it");
        ledger.givenUp(P, 13);
        assertTrue(ledger.finishedFrom(P, 15).isEmpty(), "nothing open: the commit covers everything");
    }

    @Test
    void aRecordGivenUpIsNeverNotedAsFinished() {
        ledger.read(P, 1);
        ledger.read(P, 2);
        ledger.givenUp(P, 2);

        assertFalse(ledger.finishedFrom(P, 1).contains(2));
    }

    @Test
    void theNextOwnerSkipsWhatThePreviousOneFinished() {
        ledger.resume(P, 100, FinishedOffsets.above(100, List.of(101L, 103L)).metadata());

        assertFalse(ledger.finishedByPreviousOwner(P, 100));
        assertTrue(ledger.finishedByPreviousOwner(P, 101));
        assertFalse(ledger.finishedByPreviousOwner(P, 102));
        assertTrue(ledger.finishedByPreviousOwner(P, 103));
        assertFalse(ledger.finishedByPreviousOwner(new TopicPartition("statalog.events", 4), 101));

        ledger.forget(P);
        assertFalse(ledger.finishedByPreviousOwner(P, 101));
    }

    @Test
    void settlingWaitsForTheRecordsUnderWayAndGivesUpAtItsPatience() {
        ledger.read(P, 7);
        assertFalse(ledger.awaitSettled(List.of(P), Duration.ofMillis(50)));

        CompletableFuture<Boolean> settled = CompletableFuture.supplyAsync(() -> ledger.awaitSettled(List.of(P), Duration.ofSeconds(30)));
        ledger.finished(P, 7);
        assertTrue(settled.join());
    }
}
