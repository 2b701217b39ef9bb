package com.statalog.webhooks.dispatcher.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

import com.statalog.webhooks.dispatcher.DispatcherConfig;

/**
 * Runs attempts in one lane per webhook (its id and the origin of its URL): at most
 * {@code max-in-flight-per-webhook} at a time per webhook, and at most {@code max-in-flight-per-host}
 * per origin (scheme, ASCII host, port) across every webhook there. The unit of isolation is the
 * webhook: many accounts' webhooks share hosts such as hooks.zapier.com, and one of them hanging
 * holds only its own lane. Attempts beyond a lane's share are parked in memory, in order, and
 * start as slots free up; their source record is not acknowledged until they finish, so none is
 * lost. The total of parked and running work is bounded by {@link PendingPermits}; the lanes
 * themselves exist only while they hold work, so their memory follows that bound, not the
 * number of webhooks.
 *
 * <p>A host at its ceiling is shared in turns: lanes that wait for a host slot queue once each,
 * and a freed slot goes to the lane at the head, which goes to the back if it has more to start.
 * One webhook's backlog therefore never takes another's turn.
 *
 * <p>A lane (or a full host) is <em>stuck</em> when it has not answered for half the attempt
 * timeout or its last attempt timed out ({@link LanePace}). A stuck lane keeps one attempt
 * running, as a probe, and gives its other host slots back. An attempt that would wait longer
 * than the first retry delay in a stuck lane or behind a stuck full host, or that finds its
 * webhook's backlog full, is <em>deferred</em>: not made here, it waits in the first retry topic
 * instead of holding pending permits others need. Parked attempts are judged again every second
 * ({@link #deferStuckBacklogs}), since a lane that hangs has no answers to wake it.
 */
@ApplicationScoped
public class WebhookLanes {

    /**
     * The lanes' bounds.
     *
     * @param deferAfter the longest wait an attempt is parked for (the first retry delay); null: never deferred
     */
    public record Limits(int perWebhook, int perHost, int parkedPerWebhook, Duration stall, Duration deferAfter) {
    }

    private final Limits limits;
    private final long stallNanos;
    private final double deferAfterSeconds;
    private final Map<LaneKey, Lane> lanes = new HashMap<>();
    private final Map<String, Host> hosts = new HashMap<>();
    private int inFlight;
    private int parked;

    /** The attempts this thread has yet to start, the first being started (startInTurn). */
    private static final ThreadLocal<ArrayDeque<Runnable>> TURNS = ThreadLocal.withInitial(ArrayDeque::new);

    private record LaneKey(UUID webhook, String origin) {
    }

    private record Parked(Supplier<CompletionStage<AttemptOutcome>> attempt, BooleanSupplier wanted,
            CompletableFuture<LaneTurn> turn) {
    }

    private static final class Host {
        final String origin;
        final LanePace pace;
        final ArrayDeque<Lane> turns = new ArrayDeque<>();
        int running;
        int parked;

        Host(String origin, long now) {
            this.origin = origin;
            this.pace = new LanePace(now);
        }
    }

    private static final class Lane {
        final LaneKey key;
        final Host host;
        final LanePace pace;
        final ArrayDeque<Parked> waiting = new ArrayDeque<>();
        int running;
        /** In its host's queue of turns. */
        boolean awaitingHost;

        Lane(LaneKey key, Host host, long now) {
            this.key = key;
            this.host = host;
            this.pace = new LanePace(now);
        }
    }

    @Inject
    WebhookLanes(DispatcherConfig config, MeterRegistry meters) {
        this(new Limits(config.delivery().maxInFlightPerWebhook(), config.delivery().maxInFlightPerHost(),
                config.delivery().maxParkedPerWebhook(), config.delivery().timeout().dividedBy(2),
                config.delivery().retryDelays().isEmpty() ? null : config.delivery().retryDelays().get(0)), meters);
    }

    public WebhookLanes(Limits limits, MeterRegistry meters) {
        this.limits = limits;
        this.stallNanos = limits.stall().toNanos();
        this.deferAfterSeconds = limits.deferAfter() == null ? Double.POSITIVE_INFINITY : limits.deferAfter().toNanos() / 1e9;
        Gauge.builder("statalog.deliveries.in.flight", this, WebhookLanes::inFlight)
                .description("Attempts waiting for an endpoint's answer").register(meters);
        Gauge.builder("statalog.deliveries.parked", this, WebhookLanes::parked)
                .description("Attempts waiting for a free slot of their webhook or host").register(meters);
        Gauge.builder("statalog.delivery.lanes", this, WebhookLanes::openLanes)
                .description("Webhook lanes holding work (running or parked attempts)").register(meters);
    }

    /**
     * Runs the attempt in its webhook's lane, now or when the lane and its host have room. An
     * attempt that is no longer {@code wanted} when its turn comes is not started and ends
     * {@link LaneTurn.Kind#UNWANTED}; one that would wait too long ends {@link LaneTurn.Kind#DEFERRED}.
     *
     * @param origin the URL's scheme, ASCII host and port (UrlPolicy.origin)
     */
    public CompletionStage<LaneTurn> run(UUID webhook, String origin, BooleanSupplier wanted,
            Supplier<CompletionStage<AttemptOutcome>> attempt) {
        if (!wanted.getAsBoolean()) {
            return CompletableFuture.completedFuture(LaneTurn.UNWANTED);
        }
        CompletableFuture<LaneTurn> turn = new CompletableFuture<>();
        List<Parked> starts = new ArrayList<>();
        List<Parked> unwanted = new ArrayList<>();
        Lane lane;
        synchronized (this) {
            long now = System.nanoTime();
            LaneKey key = new LaneKey(webhook, origin);
            lane = lanes.get(key);
            if (lane == null) {
                Host host = hosts.computeIfAbsent(origin, o -> new Host(o, now));
                lane = new Lane(key, host, now);
                lanes.put(key, lane);
            }
            boolean backlogFull = limits.deferAfter() != null && lane.waiting.size() >= limits.parkedPerWebhook();
            if (backlogFull || tooLongAWait(lane, now)) {
                forgetIfIdle(lane);
                return CompletableFuture.completedFuture(LaneTurn.DEFERRED);
            }
            lane.waiting.add(new Parked(attempt, wanted, turn));
            lane.host.parked++;
            parked++;
            fill(lane, now, starts, unwanted);
        }
        finish(unwanted, LaneTurn.UNWANTED);
        startAll(lane, starts);
        return turn;
    }

    /**
     * Whether the lane's parked attempts (or one more behind them) would wait longer than the
     * deferral limit: in the lane, if it is stuck, or behind its host, if that is full and stuck.
     */
    private boolean tooLongAWait(Lane lane, long now) {
        if (limits.deferAfter() == null) {
            return false;
        }
        Host host = lane.host;
        return lane.pace.expectedWaitSeconds(lane.waiting.size(), lane.running, now, stallNanos) > deferAfterSeconds
                || host.running >= limits.perHost()
                        && host.pace.expectedWaitSeconds(host.parked, host.running, now, stallNanos) > deferAfterSeconds;
    }

    /** A webhook that is stuck, or whose last attempt timed out, runs one attempt at a time: a probe. */
    private int limit(Lane lane, long now) {
        return lane.pace.lastTimedOut() || lane.pace.stuck(lane.running, now, stallNanos) ? 1 : limits.perWebhook();
    }

    /** Takes what this lane may start now; if only its host is in the way, queues it for a turn. */
    private void fill(Lane lane, long now, List<Parked> starts, List<Parked> unwanted) {
        while (!lane.waiting.isEmpty() && lane.running < limit(lane, now)) {
            if (lane.host.running >= limits.perHost()) {
                queueForHost(lane);
                return;
            }
            takeOne(lane, starts, unwanted);
        }
    }

    /** Takes the lane's next wanted attempt, if any, with a lane slot and a host slot. */
    private void takeOne(Lane lane, List<Parked> starts, List<Parked> unwanted) {
        Parked next;
        while ((next = lane.waiting.poll()) != null) {
            lane.host.parked--;
            parked--;
            if (next.wanted().getAsBoolean()) {
                lane.running++;
                lane.host.running++;
                inFlight++;
                starts.add(next);
                return;
            }
            unwanted.add(next);
        }
    }

    private static void queueForHost(Lane lane) {
        if (!lane.awaitingHost) {
            lane.awaitingHost = true;
            lane.host.turns.add(lane);
        }
    }

    /** Gives the host's free slots to the lanes waiting for one, an attempt each in turn. */
    private void serveTurns(Host host, long now, List<Parked> starts, List<Parked> unwanted, List<Lane> started) {
        while (host.running < limits.perHost() && !host.turns.isEmpty()) {
            Lane next = host.turns.poll();
            next.awaitingHost = false;
            if (!next.waiting.isEmpty() && next.running < limit(next, now)) {
                int before = starts.size();
                takeOne(next, starts, unwanted);
                if (starts.size() > before) {
                    started.add(next);
                }
                if (!next.waiting.isEmpty() && next.running < limit(next, now)) {
                    queueForHost(next);
                }
            }
            forgetIfIdle(next);
        }
    }

    private void forgetIfIdle(Lane lane) {
        if (lane.running == 0 && lane.waiting.isEmpty() && !lane.awaitingHost) {
            lanes.remove(lane.key, lane);
            Host host = lane.host;
            if (host.running == 0 && host.parked == 0 && host.turns.isEmpty()) {
                hosts.remove(host.origin, host);
            }
        }
    }

    private void startAll(Lane lane, List<Parked> starts) {
        starts.forEach(start -> startInTurn(() -> start(lane, start)));
    }

    private void start(Lane lane, Parked parked) {
        parked.attempt().get().whenComplete((outcome, error) -> {
            finished(lane, outcome != null && AttemptOutcome.TIMEOUT.equals(outcome.error()));
            if (error != null) {
                parked.turn().completeExceptionally(error);
            } else {
                parked.turn().complete(LaneTurn.made(outcome));
            }
        });
    }

    /**
     * Starts attempts one after another on this thread. An attempt refused before any connection
     * (an address already known to be forbidden) finishes at once, and its end starts the next
     * parked one: started from inside the one before, thousands of them would nest until the
     * stack overflows. A start made while this thread is already starting waits for that loop.
     */
    private static void startInTurn(Runnable start) {
        ArrayDeque<Runnable> turns = TURNS.get();
        turns.add(start);
        if (turns.size() > 1) {
            return;
        }
        while (!turns.isEmpty()) {
            try {
                turns.peek().run();
            } finally {
                turns.poll();
            }
        }
    }

    private void finished(Lane lane, boolean timedOut) {
        List<Parked> starts = new ArrayList<>();
        List<Parked> unwanted = new ArrayList<>();
        List<Lane> started = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            Host host = lane.host;
            lane.running--;
            host.running--;
            inFlight--;
            lane.pace.finished(now, timedOut);
            host.pace.finished(now, timedOut);
            // the freed slot of the host goes to the lanes that were waiting for one first; this lane takes its turn after them
            if (!lane.waiting.isEmpty() && lane.running < limit(lane, now)) {
                queueForHost(lane);
            }
            serveTurns(host, now, starts, unwanted, started);
            forgetIfIdle(lane);
        }
        // completed here in a row, not one from another's completion: thousands dropped at once must not nest
        finish(unwanted, LaneTurn.UNWANTED);
        for (int i = 0; i < starts.size(); i++) {
            Lane owner = started.get(i);
            Parked next = starts.get(i);
            startInTurn(() -> start(owner, next));
        }
    }

    /**
     * Defers the parked attempts of every stuck lane (and of lanes behind a stuck full host) that
     * would wait longer than the first retry delay. A hanging endpoint gives no answers that could
     * trigger this, so it is judged on a clock: without it, a lane found stuck after it had parked
     * hundreds of attempts would hold them (and their pending permits) at one probe per timeout.
     */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void deferStuckBacklogs() {
        List<Parked> deferred = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            for (Lane lane : List.copyOf(lanes.values())) {
                if (!lane.waiting.isEmpty() && tooLongAWait(lane, now)) {
                    deferred.addAll(lane.waiting);
                    lane.host.parked -= lane.waiting.size();
                    parked -= lane.waiting.size();
                    lane.waiting.clear();
                    forgetIfIdle(lane);
                }
            }
        }
        finish(deferred, LaneTurn.DEFERRED);
    }

    /**
     * Drops every parked attempt that is no longer wanted now rather than when its turn comes, so
     * that it stops holding its place (and its pending permit) in front of attempts still wanted.
     * Their turns complete on another thread: the caller may be Kafka's rebalance callback.
     */
    public void dropUnwanted() {
        List<Parked> unwanted = new ArrayList<>();
        synchronized (this) {
            for (Lane lane : List.copyOf(lanes.values())) {
                int before = unwanted.size();
                lane.waiting.removeIf(waiting -> !waiting.wanted().getAsBoolean() && unwanted.add(waiting));
                lane.host.parked -= unwanted.size() - before;
                forgetIfIdle(lane);
            }
            parked -= unwanted.size();
        }
        if (!unwanted.isEmpty()) {
            CompletableFuture.runAsync(() -> finish(unwanted, LaneTurn.UNWANTED));
        }
    }

    private static void finish(List<Parked> parked, LaneTurn turn) {
        parked.forEach(ended -> ended.turn().complete(turn));
    }

    synchronized int inFlight() {
        return inFlight;
    }

    synchronized int parked() {
        return parked;
    }

    /** Lanes holding work, and hosts with lanes: both drop to 0 when nothing runs or waits. */
    synchronized int openLanes() {
        return lanes.size();
    }

    synchronized int openHosts() {
        return hosts.size();
    }
}
