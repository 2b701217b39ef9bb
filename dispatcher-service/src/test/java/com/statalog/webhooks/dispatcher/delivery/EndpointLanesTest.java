package com.statalog.webhooks.dispatcher.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A lane's expected wait, which decides whether an attempt is deferred to the retry topic, counts
 * only for an endpoint that is stuck, not for one that answers slower because this process is short of CPU.
 */
class EndpointLanesTest {

    private static final String ENDPOINT = "http://receiver.example:443";
    private static final Duration STALL = Duration.ofSeconds(1);
    private static final AttemptOutcome DELIVERED = new AttemptOutcome(200, null, 5, null, null);
    private static final AttemptOutcome TIMED_OUT = AttemptOutcome.ofError(AttemptOutcome.TIMEOUT, 10_000);

    private final EndpointLanes lanes = new EndpointLanes(2, STALL, new SimpleMeterRegistry());
    private final List<CompletableFuture<AttemptOutcome>> attempts = new ArrayList<>();

    @Test
    void aLaneWhoseEndpointKeepsAnsweringIsNeverDeferredHoweverSlowItsPace() throws InterruptedException {
        park(40);
        // one answer every 100 ms: 10 a second for 38 parked attempts, a pace-only estimate of ~4 s
        for (int i = 0; i < 12; i++) {
            Thread.sleep(100);
            attempts.get(i).complete(DELIVERED);
            assertEquals(Duration.ZERO, lanes.expectedWait(ENDPOINT));
        }
    }

    @Test
    void aLaneWithoutAnAnswerForHalfTheTimeoutIsStuckAndItsBacklogWaitsLonger() {
        park(40);
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.expectedWait(ENDPOINT).compareTo(Duration.ofHours(1)) > 0);
    }

    @Test
    void aLaneWhoseLastAttemptTimedOutStaysStuckAfterTheAnswer() {
        park(40);
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.expectedWait(ENDPOINT).compareTo(Duration.ZERO) > 0);
        attempts.get(0).complete(TIMED_OUT);
        assertTrue(lanes.expectedWait(ENDPOINT).compareTo(Duration.ZERO) > 0, "a timeout is no sign of health");
        attempts.get(1).complete(DELIVERED);
        assertEquals(Duration.ZERO, lanes.expectedWait(ENDPOINT), "an answer in time is");
    }

    @Test
    void aLaneWithAFreeSlotOrNothingParkedMakesNothingWait() {
        park(1);
        assertEquals(Duration.ZERO, lanes.expectedWait(ENDPOINT));
        assertEquals(Duration.ZERO, lanes.expectedWait("http://other.example:443"));
    }

    @Test
    void parkedAttemptsNoLongerWantedAreNotStartedAndCompleteEmptyWithoutNesting() {
        AtomicBoolean wanted = new AtomicBoolean(true);
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<AttemptOutcome> first = new CompletableFuture<>();
        CompletableFuture<AttemptOutcome> second = new CompletableFuture<>();
        lanes.run(ENDPOINT, wanted::get, () -> first);
        lanes.run(ENDPOINT, wanted::get, () -> second);
        // far more than a thread's stack could hold if each dropped attempt completed the next one's turn
        List<CompletableFuture<AttemptOutcome>> parked = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            parked.add(lanes.run(ENDPOINT, wanted::get, () -> {
                started.incrementAndGet();
                return CompletableFuture.completedFuture(DELIVERED);
            }).toCompletableFuture());
        }
        CompletableFuture<AttemptOutcome> stillWanted = lanes.run(ENDPOINT, () -> true, () -> {
            started.incrementAndGet();
            return CompletableFuture.completedFuture(DELIVERED);
        }).toCompletableFuture();

        wanted.set(false);
        first.complete(DELIVERED);

        assertTrue(parked.stream().allMatch(dropped -> dropped.isDone() && dropped.join() == null));
        assertEquals(DELIVERED, stillWanted.join());
        assertEquals(1, started.get(), "only the attempt still wanted was started");
        assertNull(lanes.run(ENDPOINT, wanted::get, () -> first).toCompletableFuture().join(), "nor is a new one");
        second.complete(DELIVERED);
        assertEquals(Duration.ZERO, lanes.expectedWait(ENDPOINT));
    }

    @Test
    void thousandsOfParkedAttemptsThatFinishAtOnceRunOneAfterAnotherWithoutNesting() {
        CompletableFuture<AttemptOutcome> first = new CompletableFuture<>();
        lanes.run(ENDPOINT, () -> first);
        lanes.run(ENDPOINT, () -> new CompletableFuture<>());
        // refused before any connection, as for an address known to be forbidden: each finishes as it starts
        List<CompletableFuture<AttemptOutcome>> refused = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            refused.add(lanes.run(ENDPOINT, () -> CompletableFuture.completedFuture(TIMED_OUT)).toCompletableFuture());
        }

        first.complete(DELIVERED);

        assertTrue(refused.stream().allMatch(attempt -> attempt.isDone() && !attempt.isCompletedExceptionally()));
    }

    /** Queues {@code count} attempts that finish only when the test completes them. */
    private void park(int count) {
        for (int i = 0; i < count; i++) {
            CompletableFuture<AttemptOutcome> attempt = new CompletableFuture<>();
            attempts.add(attempt);
            lanes.run(ENDPOINT, () -> attempt);
        }
    }
}
