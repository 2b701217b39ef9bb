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
    void theHandoverCommitsUpToTheFirstUnfinishedRecordAndNotesTheFinishedBeyondIt() {
        for (long offset = 10; offset <= 14; offset++) {
            ledger.read(P, offset);
        }
        ledger.finished(P, 12);
        ledger.finished(P, 14);
        ledger.finished(P, 11);

        OffsetLedger.Handover handover = ledger.handover(P, 10);
        assertEquals(10, handover.offset(), "10 is still being delivered");
        assertEquals(3, handover.finishedBeyond().count());
        assertTrue(handover.finishedBeyond().contains(11) && handover.finishedBeyond().contains(12)
                && handover.finishedBeyond().contains(14));

        ledger.finished(P, 10);
        handover = ledger.handover(P, 10);
        assertEquals(13, handover.offset());
        assertEquals(1, handover.finishedBeyond().count(), "only 14 is beyond the open 13");
    }

    @Test
    void aRecordGivenUpIsNeverCommittedPastNorNotedAsFinished() {
        ledger.read(P, 1);
        ledger.read(P, 2);
        ledger.read(P, 3);
        ledger.finished(P, 1);
        ledger.givenUp(P, 2);
        ledger.finished(P, 3);

        OffsetLedger.Handover handover = ledger.handover(P, 0);
        assertEquals(2, handover.offset(), "the new owner delivers 2");
        assertFalse(handover.finishedBeyond().contains(2));
        assertTrue(handover.finishedBeyond().contains(3));
    }

    @Test
    void whatSmallRyeFailedToCommitIsCommittedByTheHandover() {
        for (long offset = 40; offset < 46; offset++) {
            ledger.read(P, offset);
            ledger.finished(P, offset);
        }

        assertEquals(46, ledger.handover(P, 40).offset(), "its periodic commit of 46 was lost to a rebalance");
        assertTrue(ledger.handover(P, 40).finishedBeyond().isEmpty());
        assertEquals(50, ledger.handover(P, 50).offset(), "never behind what is committed already");
        assertEquals(-1, ledger.handover(new TopicPartition("statalog.events", 4), -1).offset(), "nothing read, nothing to commit");
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
