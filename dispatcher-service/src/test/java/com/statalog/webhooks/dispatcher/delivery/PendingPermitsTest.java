package com.statalog.webhooks.dispatcher.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class PendingPermitsTest {

    private final PendingPermits permits = new PendingPermits(100);

    @Test
    void permitsAreGrantedAtOnceUpToTheBound() {
        assertTrue(permits.acquire(60).toCompletableFuture().isDone());
        assertTrue(permits.acquire(40).toCompletableFuture().isDone());
        assertFalse(permits.acquire(1).toCompletableFuture().isDone());
    }

    @Test
    void aWaiterResumesOnlyOnceATenthOfTheBoundIsFree() {
        permits.acquire(100);
        CompletableFuture<Void> waiting = permits.acquire(1).toCompletableFuture();

        for (int i = 0; i < 9; i++) {
            permits.release(1);
        }
        assertFalse(waiting.isDone(), "91 pending: reading would resume one event at a time");

        permits.release(1);
        assertTrue(waiting.isDone());
        assertTrue(permits.acquire(9).toCompletableFuture().isDone(), "the rest of the freed tenth is taken without waiting");
    }

    @Test
    void aBatchLargerThanTheBoundWaitsForAnEmptySystem() {
        permits.acquire(1);
        CompletableFuture<Void> huge = permits.acquire(250).toCompletableFuture();
        assertFalse(huge.isDone());

        permits.release(1);
        assertTrue(huge.isDone());
    }
}
