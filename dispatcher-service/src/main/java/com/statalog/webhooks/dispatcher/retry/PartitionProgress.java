package com.statalog.webhooks.dispatcher.retry;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The records of one partition taken for an attempt and not finished yet. Attempts finish in any
 * order (a hanging endpoint's beside a fast one's), but the committed offset may only move past
 * records that are finished: it is the first unfinished offset, or the one after the last record
 * taken when none is unfinished. So a crash repeats unfinished attempts and never skips one.
 * Taken and committed on the poll thread; finished from any thread.
 */
final class PartitionProgress {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long next = -1;
    private long committed = -1;
    private volatile boolean revoked;

    synchronized void taken(long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
    }

    /** A record passed over (unreadable) counts as taken and finished at once. */
    synchronized void passed(long offset) {
        next = Math.max(next, offset + 1);
    }

    synchronized void finished(long offset) {
        unfinished.remove(offset);
    }

    /** The offset to commit, if it has moved since the last one handed out. */
    synchronized OptionalLong toCommit() {
        long upTo = unfinished.isEmpty() ? next : unfinished.first();
        if (upTo <= committed) {
            return OptionalLong.empty();
        }
        committed = upTo;
        return OptionalLong.of(upTo);
    }

    /** A commit that failed is tried again with the next offset handed out, even if it has not moved. */
    synchronized void commitFailed() {
        committed = -1;
    }

    synchronized int unfinishedCount() {
        return unfinished.size();
    }

    /** The partition went to another consumer: attempts not started yet are left to it. */
    void revoke() {
        revoked = true;
    }

    boolean held() {
        return !revoked;
    }
}
