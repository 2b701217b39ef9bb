package com.statalog.webhooks.dispatcher.intake;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

/**
 * Per partition of statalog.events held here: the records read and not yet finished, those
 * finished while an earlier one was not (the commit cannot cover them yet), and those a previous
 * owner finished beyond the offset it committed. "Finished" means what acknowledging means: every
 * delivery of the record attempted or handed to a retry topic. A record given up because its
 * partition moved is neither, and its new owner delivers it.
 */
@ApplicationScoped
public class OffsetLedger {

    private final Map<TopicPartition, Ledger> ledgers = new ConcurrentHashMap<>();
    private final Map<TopicPartition, FinishedOffsets> finishedBefore = new ConcurrentHashMap<>();

    /** True when the previous owner finished this record: it is acknowledged without a delivery. */
    public boolean finishedByPreviousOwner(TopicPartition partition, long offset) {
        FinishedOffsets before = finishedBefore.get(partition);
        return before != null && before.contains(offset);
    }

    public void read(TopicPartition partition, long offset) {
        ledger(partition).read(offset);
    }

    public void finished(TopicPartition partition, long offset) {
        ledger(partition).finished(offset);
    }

    public void givenUp(TopicPartition partition, long offset) {
        ledger(partition).givenUp(offset);
    }

    /**
     * For partitions being given up, after their last commit: waits, at most {@code patience},
     * until no record of them is still being delivered; answers whether that happened. Attempts under way when a partition moves still
     * finish, and counting them among the finished spares the next owner sending them again.
     */
    public boolean awaitSettled(Collection<TopicPartition> partitions, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (TopicPartition partition : partitions) {
            Ledger ledger = ledgers.get(partition);
            if (ledger != null && !ledger.awaitSettled(deadline)) {
                return false;
            }
        }
        return true;
    }

    /** The records of this partition finished at or after {@code committed}. */
    public FinishedOffsets finishedFrom(TopicPartition partition, long committed) {
        Ledger ledger = ledgers.get(partition);
        return ledger == null ? FinishedOffsets.above(committed, List.of()) : ledger.finishedFrom(committed);
    }

    /** A partition has left: nothing of it is kept. */
    public void forget(TopicPartition partition) {
        ledgers.remove(partition);
        finishedBefore.remove(partition);
    }

    /** A partition has arrived, committed with {@code metadata} by its previous owner. */
    public void resume(TopicPartition partition, long committed, String metadata) {
        ledgers.remove(partition);
        FinishedOffsets before = FinishedOffsets.read(committed, metadata);
        if (before.isEmpty()) {
            finishedBefore.remove(partition);
        } else {
            finishedBefore.put(partition, before);
        }
    }

    private Ledger ledger(TopicPartition partition) {
        return ledgers.computeIfAbsent(partition, p -> new Ledger());
    }

    /**
     * One partition's records. While the partition is held, finished ones are dropped once
     * nothing before them is open: the next commit covers them. Once it is being given up,
     * the last commit has been made, and every record finished after it is kept.
     */
    private static final class Ledger {
        private final NavigableSet<Long> open = new TreeSet<>();
        private final NavigableSet<Long> finishedAhead = new TreeSet<>();
        private boolean givingUp;

        synchronized void read(long offset) {
            open.add(offset);
        }

        synchronized void finished(long offset) {
            if (open.remove(offset)) {
                finishedAhead.add(offset);
                settle();
            }
        }

        synchronized void givenUp(long offset) {
            if (open.remove(offset)) {
                settle();
            }
        }

        private void settle() {
            notifyAll();
            if (givingUp) {
                return;
            }
            if (open.isEmpty()) {
                finishedAhead.clear();
            } else {
                finishedAhead.headSet(open.first(), false).clear();
            }
        }

        synchronized boolean awaitSettled(long deadline) {
            givingUp = true;
            while (!open.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }

        synchronized FinishedOffsets finishedFrom(long committed) {
            return FinishedOffsets.above(committed, finishedAhead);
        }
    }
}
