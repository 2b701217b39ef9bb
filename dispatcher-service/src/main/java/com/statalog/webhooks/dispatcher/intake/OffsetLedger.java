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
 * Per partition of statalog.events held here: the records read and not yet finished, those given
 * up, those finished while an earlier one was not, and those a previous owner finished beyond the
 * offset it committed. "Finished" means what acknowledging means: every delivery of the record
 * attempted or handed to a retry topic (or the record dead-lettered). A record given up because its
 * partition moved is not finished: its new owner delivers it, so no offset is ever committed past it.
 * Records reach {@link EventConsumer} in offset order, so every record before the lowest open or
 * given-up one has been read and finished.
 */
@ApplicationScoped
public class OffsetLedger {

    /** What a replica giving up a partition commits: the offset everything before is finished, and the finished records beyond it. */
    public record Handover(long offset, FinishedOffsets finishedBeyond) {
    }

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
     * For partitions being given up: waits, at most {@code patience}, until no record of them is
     * still being delivered; answers whether that happened. Attempts under way when a partition
     * moves still finish, and counting them among the finished spares the next owner sending them
     * again.
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

    /**
     * What to commit for a partition being given up, whose committed offset is {@code committed}
     * (-1 for none). The offset is at least the committed one and at most the first record not
     * finished; it may be more than SmallRye committed, whose periodic commit forgets the offsets it
     * failed to commit (as it does while a rebalance is under way).
     */
    public Handover handover(TopicPartition partition, long committed) {
        Ledger ledger = ledgers.get(partition);
        long offset = Math.max(committed, ledger == null ? -1 : ledger.finishedBelow());
        return new Handover(offset, ledger == null ? FinishedOffsets.above(offset, List.of()) : ledger.finishedFrom(offset));
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
     * One partition's records. The finished ones are kept while a record before them is open or
     * given up, and the newest {@link FinishedOffsets#MAX_OFFSETS} of them besides: whatever SmallRye
     * managed to commit, a hand-over can commit the first unfinished record's offset itself. At most
     * about twice {@link FinishedOffsets#MAX_OFFSETS} are kept, whatever the backlog.
     */
    private static final class Ledger {
        private final NavigableSet<Long> open = new TreeSet<>();
        private final NavigableSet<Long> givenUp = new TreeSet<>();
        private final NavigableSet<Long> finished = new TreeSet<>();
        private long lastRead = -1;

        synchronized void read(long offset) {
            open.add(offset);
            lastRead = Math.max(lastRead, offset);
        }

        synchronized void finished(long offset) {
            if (open.remove(offset)) {
                // a note holds no more than MAX_OFFSETS from the first unfinished record: one far beyond it is not
                // kept, or a record open for minutes would let this grow with everything finished after it
                if (offset < finishedBelow() + FinishedOffsets.MAX_OFFSETS) {
                    finished.add(offset);
                }
                settle();
            }
        }

        synchronized void givenUp(long offset) {
            if (open.remove(offset)) {
                givenUp.add(offset);
                settle();
            }
        }

        private void settle() {
            notifyAll();
            long below = finishedBelow();
            while (finished.size() > FinishedOffsets.MAX_OFFSETS && finished.first() < below) {
                finished.pollFirst();
            }
        }

        /** The first offset not finished: the lowest open or given-up record, else the one after the last read; -1 before any. */
        synchronized long finishedBelow() {
            long lowest = lastRead + 1;
            if (!open.isEmpty()) {
                lowest = Math.min(lowest, open.first());
            }
            if (!givenUp.isEmpty()) {
                lowest = Math.min(lowest, givenUp.first());
            }
            return lastRead < 0 ? -1 : lowest;
        }

        synchronized boolean awaitSettled(long deadline) {
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

        synchronized FinishedOffsets finishedFrom(long offset) {
            return FinishedOffsets.above(offset, finished.tailSet(offset, true));
        }
    }
}
