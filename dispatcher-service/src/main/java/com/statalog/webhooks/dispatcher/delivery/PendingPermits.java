package com.statalog.webhooks.dispatcher.delivery;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.statalog.webhooks.dispatcher.DispatcherConfig;

/**
 * Bounds the deliveries accepted but not finished, so that memory stays bounded whatever the
 * endpoints do: when the bound is reached, reading further events waits until deliveries finish.
 * Reading resumes only once a tenth of the bound is free again: resuming at every single freed
 * slot would read one event per finished delivery, each a round trip through the consumer
 * (measured: ~700 events/s, against thousands when events are read in runs).
 */
@ApplicationScoped
public class PendingPermits {

    private final int max;
    private final int resumeAt;
    private int used;
    private final Queue<Waiter> waiters = new ArrayDeque<>();

    private record Waiter(int count, CompletableFuture<Void> granted) {
    }

    @Inject
    PendingPermits(DispatcherConfig config) {
        this(config.delivery().maxPending());
    }

    PendingPermits(int max) {
        this.max = max;
        this.resumeAt = max - Math.max(1, max / 10);
    }

    /** Completes when {@code count} more deliveries may be pending (a larger batch than the bound waits for an empty system). */
    public synchronized CompletionStage<Void> acquire(int count) {
        if (waiters.isEmpty() && fits(count)) {
            used += count;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> granted = new CompletableFuture<>();
        waiters.add(new Waiter(count, granted));
        return granted;
    }

    public void release(int count) {
        Queue<CompletableFuture<Void>> toGrant = new ArrayDeque<>();
        synchronized (this) {
            used -= count;
            if (used > resumeAt) {
                return;
            }
            while (!waiters.isEmpty() && fits(waiters.peek().count())) {
                Waiter waiter = waiters.poll();
                used += waiter.count();
                toGrant.add(waiter.granted());
            }
        }
        toGrant.forEach(granted -> granted.complete(null));
    }

    private boolean fits(int count) {
        return used == 0 || used + count <= max;
    }
}
