package com.statalog.webhooks.dispatcher.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The committed offset never moves past an attempt that has not finished, whatever order they finish in. */
class PartitionProgressTest {

    private final PartitionProgress progress = new PartitionProgress();

    @Test
    void attemptsFinishingOutOfOrderCommitOnlyUpToTheFirstUnfinished() {
        progress.taken(10);
        progress.taken(11);
        progress.taken(12);
        assertEquals(OptionalLong.of(10), progress.toCommit(), "nothing finished: the committed offset stays at the first");

        progress.finished(12);
        progress.finished(11);
        assertEquals(OptionalLong.empty(), progress.toCommit(), "10 still runs: no new offset to commit");

        progress.finished(10);
        assertEquals(OptionalLong.of(13), progress.toCommit());
        assertEquals(OptionalLong.empty(), progress.toCommit(), "handed out once");
    }

    @Test
    void passedRecordsCountAsFinishedAndAFailedCommitIsHandedOutAgain() {
        progress.passed(4);
        progress.taken(5);
        progress.finished(5);
        progress.passed(6);
        assertEquals(OptionalLong.of(7), progress.toCommit());

        progress.commitFailed();
        assertEquals(OptionalLong.of(7), progress.toCommit());
        assertEquals(0, progress.unfinishedCount());
    }

    @Test
    void aRevokedPartitionIsNoLongerHeld() {
        assertTrue(progress.held());
        progress.revoke();
        assertFalse(progress.held());
    }
}
