package com.statalog.webhooks.dispatcher.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.statalog.webhooks.dispatcher.egress.UrlPolicy;

/**
 * One lane per webhook, a ceiling per host shared in turns, deferral judged per webhook (and per
 * full host) only when it is stuck, not when it answers slower because this process is short of CPU.
 */
class WebhookLanesTest {

    private static final String ORIGIN = "https://receiver.example:443";
    private static final UUID WEBHOOK = UUID.randomUUID();
    private static final Duration STALL = Duration.ofSeconds(1);
    private static final AttemptOutcome DELIVERED = new AttemptOutcome(200, null, 5, null, null, Map.of(), Map.of());
    private static final AttemptOutcome TIMED_OUT = AttemptOutcome.ofError(AttemptOutcome.TIMEOUT, 10_000);

    private final WebhookLanes lanes = lanes(2, 64, 1000);
    private final List<CompletableFuture<AttemptOutcome>> attempts = new ArrayList<>();

    private static WebhookLanes lanes(int perWebhook, int perHost, int parkedPerWebhook) {
        return new WebhookLanes(new WebhookLanes.Limits(perWebhook, perHost, parkedPerWebhook, STALL, Duration.ofSeconds(1)),
                new SimpleMeterRegistry());
    }

    /** Lanes that never turn stuck, for what is not about stuck endpoints: a slow machine cannot change the outcome. */
    private static WebhookLanes calm(int perWebhook, int perHost, int parkedPerWebhook) {
        return new WebhookLanes(new WebhookLanes.Limits(perWebhook, perHost, parkedPerWebhook, Duration.ofHours(1), Duration.ofHours(1)),
                new SimpleMeterRegistry());
    }

    @Test
    void aWebhookWhoseEndpointKeepsAnsweringIsNeverDeferredHoweverSlowItsPace() throws InterruptedException {
        List<CompletionStage<LaneTurn>> turns = park(WEBHOOK, 40);
        // one answer every 100 ms: 10 a second for 38 parked attempts, a pace-only estimate of ~4 s
        for (int i = 0; i < 12; i++) {
            Thread.sleep(100);
            attempts.get(i).complete(DELIVERED);
            turns.add(lanes.run(WEBHOOK, ORIGIN, () -> true, CompletableFuture::new));
            lanes.deferStuckBacklogs();
            assertTrue(turns.stream().noneMatch(WebhookLanesTest::isDeferred), "nothing was deferred");
        }
    }

    @Test
    void aWebhookWithoutAnAnswerForHalfTheTimeoutIsStuckAndItsBacklogIsDeferred() {
        List<CompletionStage<LaneTurn>> parked = park(WEBHOOK, 40);
        await().atMost(Duration.ofSeconds(5)).until(() -> isDeferred(lanes.run(WEBHOOK, ORIGIN, () -> true, CompletableFuture::new)));

        lanes.deferStuckBacklogs();

        assertTrue(parked.subList(2, 40).stream().allMatch(WebhookLanesTest::isDeferred), "every parked attempt waits in the retry topic");
        assertFalse(parked.get(0).toCompletableFuture().isDone(), "the running ones still run");
        assertEquals(0, lanes.parked());
    }

    @Test
    void aWebhookWhoseLastAttemptTimedOutStaysStuckAfterTheAnswerAndKeepsOneProbe() {
        WebhookLanes four = lanes(4, 64, 1000);
        AtomicInteger started = new AtomicInteger();
        List<CompletableFuture<AttemptOutcome>> running = new ArrayList<>();
        Supplier<CompletionStage<AttemptOutcome>> attempt = () -> {
            started.incrementAndGet();
            CompletableFuture<AttemptOutcome> made = new CompletableFuture<>();
            running.add(made);
            return made;
        };
        for (int i = 0; i < 7; i++) {
            four.run(WEBHOOK, ORIGIN, () -> true, attempt);
        }
        assertEquals(4, started.get());
        await().atMost(Duration.ofSeconds(5)).until(() -> isDeferred(four.run(WEBHOOK, ORIGIN, () -> true, attempt)));

        running.get(0).complete(TIMED_OUT);
        assertTrue(isDeferred(four.run(WEBHOOK, ORIGIN, () -> true, attempt)), "a timeout is no sign of health");
        assertEquals(4, started.get(), "a stuck webhook gives its freed slots back instead of starting more");
        running.get(1).complete(TIMED_OUT);
        running.get(2).complete(TIMED_OUT);
        running.get(3).complete(TIMED_OUT);
        assertEquals(5, started.get(), "one attempt runs as a probe");

        running.get(4).complete(DELIVERED);
        assertEquals(9, started.get(), "an answer in time gives the webhook its whole share again");
        assertFalse(isDeferred(four.run(WEBHOOK, ORIGIN, () -> true, attempt)), "and is a sign of health");
    }

    @Test
    void aWebhookWithAFreeSlotOrNothingParkedMakesNothingWait() {
        park(WEBHOOK, 1);
        assertFalse(isDeferred(lanes.run(WEBHOOK, ORIGIN, () -> true, CompletableFuture::new)));
        assertFalse(isDeferred(lanes.run(UUID.randomUUID(), "http://other.example:80", () -> true, CompletableFuture::new)));
    }

    @Test
    void aHangingWebhookDoesNotHoldUpAnotherWebhookOnTheSameHost() {
        park(WEBHOOK, 40);
        AtomicBoolean started = new AtomicBoolean();
        lanes.run(UUID.randomUUID(), ORIGIN, () -> true, () -> {
            started.set(true);
            return new CompletableFuture<>();
        });
        assertTrue(started.get(), "the other webhook's attempt started at once");
    }

    @Test
    void aFullHostIsSharedInTurnsSoThatOneBacklogNeverTakesAnothersTurn() {
        WebhookLanes shared = calm(4, 4, 1000);
        UUID busy = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        List<String> starts = new ArrayList<>();
        List<CompletableFuture<AttemptOutcome>> busyRunning = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            int n = i;
            shared.run(busy, ORIGIN, () -> true, () -> {
                starts.add("busy-" + n);
                CompletableFuture<AttemptOutcome> attempt = new CompletableFuture<>();
                busyRunning.add(attempt);
                return attempt;
            });
        }
        for (int i = 0; i < 2; i++) {
            int n = i;
            shared.run(quiet, ORIGIN, () -> true, () -> {
                starts.add("quiet-" + n);
                return new CompletableFuture<>();
            });
        }
        assertEquals(List.of("busy-0", "busy-1", "busy-2", "busy-3"), starts);

        busyRunning.get(0).complete(DELIVERED);
        busyRunning.get(1).complete(DELIVERED);
        busyRunning.get(2).complete(DELIVERED);

        assertEquals(List.of("busy-0", "busy-1", "busy-2", "busy-3", "quiet-0", "busy-4", "quiet-1"), starts,
                "the host's freed slots go in turns to the webhooks waiting for one");
    }

    @Test
    void aWebhooksBacklogBeyondItsShareWaitsInTheRetryTopicAndLeavesOthersAlone() {
        WebhookLanes small = calm(1, 64, 5);
        small.run(WEBHOOK, ORIGIN, () -> true, CompletableFuture::new);
        for (int i = 0; i < 5; i++) {
            assertFalse(isDeferred(small.run(WEBHOOK, ORIGIN, () -> true, CompletableFuture::new)));
        }
        assertTrue(isDeferred(small.run(WEBHOOK, ORIGIN, () -> true, CompletableFuture::new)), "the sixth parked attempt");
        assertFalse(isDeferred(small.run(UUID.randomUUID(), ORIGIN, () -> true, CompletableFuture::new)));
    }

    @Test
    void twoInternationalisedHostsHaveAHostSlotEachAndOneHostWrittenTwoWaysHasOne() {
        UrlPolicy policy = new UrlPolicy(false, host -> List.of());
        String buecher = policy.origin("https://bücher.example/a");
        String mueller = policy.origin("https://müller.example/b");
        assertEquals("https://xn--bcher-kva.example:443", buecher);
        assertNotEquals(buecher, mueller);
        assertEquals(buecher, policy.origin("https://BÜCHER.example:443/c"));

        WebhookLanes onePerHost = calm(8, 1, 1000);
        AtomicInteger started = new AtomicInteger();
        for (String origin : List.of(buecher, mueller, policy.origin("https://BÜCHER.example:443/c"))) {
            onePerHost.run(UUID.randomUUID(), origin, () -> true, () -> {
                started.incrementAndGet();
                return new CompletableFuture<>();
            });
        }
        assertEquals(2, started.get(), "two hosts, one slot each: the third webhook waits for bücher.example's");
        assertEquals(2, onePerHost.openHosts());
    }

    @Test
    void lanesAndHostsExistOnlyWhileTheyHoldWorkWhateverTheNumberOfWebhooks() {
        // nothing may turn stuck while 200 000 attempts are queued, however slowly this machine queues them
        WebhookLanes many = calm(8, 64, 1000);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        List<CompletableFuture<LaneTurn>> turns = new ArrayList<>();
        for (int hook = 0; hook < 100_000; hook++) {
            UUID webhook = UUID.randomUUID();
            String origin = "https://host-" + hook % 1_000 + ".example:443";
            for (int i = 0; i < 2; i++) {
                turns.add(many.run(webhook, origin, () -> true, () -> gate.thenApply(open -> DELIVERED)).toCompletableFuture());
            }
        }
        assertEquals(100_000, many.openLanes());
        assertEquals(1_000, many.openHosts());

        gate.complete(null);

        assertTrue(turns.stream().allMatch(turn -> turn.isDone() && turn.join().kind() == LaneTurn.Kind.MADE));
        assertEquals(0, many.openLanes());
        assertEquals(0, many.openHosts());
        assertEquals(0, many.inFlight());
        assertEquals(0, many.parked());
    }

    @Test
    void parkedAttemptsNoLongerWantedAreNotStartedAndEndUnwantedWithoutNesting() {
        AtomicBoolean wanted = new AtomicBoolean(true);
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<AttemptOutcome> first = new CompletableFuture<>();
        CompletableFuture<AttemptOutcome> second = new CompletableFuture<>();
        WebhookLanes unbounded = calm(2, 64, 100_000);
        unbounded.run(WEBHOOK, ORIGIN, wanted::get, () -> first);
        unbounded.run(WEBHOOK, ORIGIN, wanted::get, () -> second);
        // far more than a thread's stack could hold if each dropped attempt completed the next one's turn
        List<CompletableFuture<LaneTurn>> parked = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            parked.add(unbounded.run(WEBHOOK, ORIGIN, wanted::get, () -> {
                started.incrementAndGet();
                return CompletableFuture.completedFuture(DELIVERED);
            }).toCompletableFuture());
        }
        CompletableFuture<LaneTurn> stillWanted = unbounded.run(WEBHOOK, ORIGIN, () -> true, () -> {
            started.incrementAndGet();
            return CompletableFuture.completedFuture(DELIVERED);
        }).toCompletableFuture();

        wanted.set(false);
        first.complete(DELIVERED);

        assertTrue(parked.stream().allMatch(dropped -> dropped.isDone() && dropped.join().kind() == LaneTurn.Kind.UNWANTED));
        assertEquals(DELIVERED, stillWanted.join().outcome());
        assertEquals(1, started.get(), "only the attempt still wanted was started");
        assertEquals(LaneTurn.Kind.UNWANTED, unbounded.run(WEBHOOK, ORIGIN, wanted::get, () -> first).toCompletableFuture().join().kind(),
                "nor is a new one");
        second.complete(DELIVERED);
        assertEquals(0, unbounded.openLanes());
    }

    @Test
    void thousandsOfParkedAttemptsThatFinishAtOnceRunOneAfterAnotherWithoutNesting() {
        WebhookLanes unbounded = calm(2, 64, 100_000);
        CompletableFuture<AttemptOutcome> first = new CompletableFuture<>();
        unbounded.run(WEBHOOK, ORIGIN, () -> true, () -> first);
        unbounded.run(WEBHOOK, ORIGIN, () -> true, CompletableFuture::new);
        // refused before any connection, as for an address known to be forbidden: each finishes as it starts
        AttemptOutcome blocked = AttemptOutcome.ofError(AttemptOutcome.BLOCKED_ADDRESS, 0);
        List<CompletableFuture<LaneTurn>> refused = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            refused.add(unbounded.run(WEBHOOK, ORIGIN, () -> true, () -> CompletableFuture.completedFuture(blocked)).toCompletableFuture());
        }

        first.complete(DELIVERED);

        assertTrue(refused.stream().allMatch(attempt -> attempt.isDone() && !attempt.isCompletedExceptionally()));
    }

    /** Queues {@code count} attempts of the webhook that finish only when the test completes them. */
    private List<CompletionStage<LaneTurn>> park(UUID webhook, int count) {
        List<CompletionStage<LaneTurn>> turns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CompletableFuture<AttemptOutcome> attempt = new CompletableFuture<>();
            attempts.add(attempt);
            turns.add(lanes.run(webhook, ORIGIN, () -> true, () -> attempt));
        }
        return turns;
    }

    private static boolean isDeferred(CompletionStage<LaneTurn> turn) {
        CompletableFuture<LaneTurn> future = turn.toCompletableFuture();
        return future.isDone() && future.join().kind() == LaneTurn.Kind.DEFERRED;
    }
}
