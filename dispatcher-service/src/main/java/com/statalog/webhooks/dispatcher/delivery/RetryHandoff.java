package com.statalog.webhooks.dispatcher.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * THE place where a failed attempt goes next. The retry path (Kafka retry topics at 60 s and
 * 120 s, then a dead-letter topic) plugs in here; until it does, a failed delivery is dropped after
 * its first attempt, and its attempt record says so.
 */
@ApplicationScoped
public class RetryHandoff {

    /** Hands a failed attempt over; answers the delivery's resulting state for its attempt record. */
    public CompletionStage<DeliveryState> handOver(Delivery delivery, AttemptOutcome outcome) {
        return CompletableFuture.completedFuture(DeliveryState.DROPPED);
    }
}
