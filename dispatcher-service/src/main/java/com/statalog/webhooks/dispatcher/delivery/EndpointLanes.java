package com.statalog.webhooks.dispatcher.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.statalog.webhooks.dispatcher.DispatcherConfig;

/**
 * Runs attempts with at most {@code max-in-flight-per-endpoint} at a time per endpoint (scheme,
 * host and port of the URL). Attempts beyond that are parked in memory, in order, and start as
 * slots free up: a slow or dead endpoint holds only its own lane, never the partition or other
 * endpoints. Parked attempts are not lost: their source record is not acknowledged until they
 * finish. The total of parked and running work is bounded by {@link PendingPermits}.
 *
 * <p>A lane is <em>stuck</em> when its endpoint has not answered for half the attempt timeout, or
 * its last attempt timed out: only then is its pace taken as the endpoint's. A healthy lane's pace
 * also falls whenever this process gets less CPU (measured: a burst on two cores, when the pace
 * alone decided, sent healthy deliveries to the 60 s retry topic), which says nothing about the endpoint.
 */
@ApplicationScoped
public class EndpointLanes {

    private final int perEndpoint;
    /** No answer for this long (half the attempt timeout) makes a lane stuck. */
    private final long stallNanos;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();

    private static final class Lane {
        int running;
        final Queue<Parked> waiting = new ArrayDeque<>();
        /** When the endpoint last answered (or the lane was opened), and whether that attempt timed out. */
        long lastFinish = System.nanoTime();
        boolean lastTimedOut;
        /** The lane's pace: attempts finished in the current window, and the rate of the last closed one. */
        long windowStart = System.nanoTime();
        int finishedInWindow;
        double lastPerSecond = -1;

        void finishedOne(long now, boolean timedOut) {
            lastFinish = now;
            lastTimedOut = timedOut;
            finishedInWindow++;
            if (now - windowStart >= PACE_WINDOW_NANOS) {
                lastPerSecond = finishedInWindow / ((now - windowStart) / 1e9);
                finishedInWindow = 0;
                windowStart = now;
            }
        }

        boolean stuck(long now, long stallNanos) {
            return running > 0 && (lastTimedOut || now - lastFinish >= stallNanos);
        }

        /**
         * Seconds an attempt queued now would wait, judging by the pace of a stuck lane; 0 for a
         * lane that is not stuck or whose pace is not known yet.
         */
        double expectedWaitSeconds(long now, long stallNanos) {
            if (waiting.isEmpty() || !stuck(now, stallNanos)) {
                return 0;
            }
            double windowSeconds = (now - windowStart) / 1e9;
            // a full window without the answers a healthy lane gives counts, whatever the lane did before
            double perSecond = windowSeconds >= 1 ? finishedInWindow / windowSeconds : lastPerSecond;
            if (perSecond < 0) {
                return 0;
            }
            return perSecond == 0 ? Double.POSITIVE_INFINITY : waiting.size() / perSecond;
        }
    }

    private static final long PACE_WINDOW_NANOS = 1_000_000_000L;

    @Inject
    EndpointLanes(DispatcherConfig config, MeterRegistry meters) {
        this(config.delivery().maxInFlightPerEndpoint(), config.delivery().timeout().dividedBy(2), meters);
    }

    /** The attempts this thread has yet to start, the first being started (startInTurn). */
    private static final ThreadLocal<ArrayDeque<Runnable>> TURNS = ThreadLocal.withInitial(ArrayDeque::new);

    public EndpointLanes(int perEndpoint, Duration stall, MeterRegistry meters) {
        this.perEndpoint = perEndpoint;
        this.stallNanos = stall.toNanos();
        Gauge.builder("statalog.deliveries.in.flight", inFlight, AtomicInteger::get)
                .description("Attempts waiting for an endpoint's answer").register(meters);
        Gauge.builder("statalog.deliveries.parked", parked, AtomicInteger::get)
                .description("Attempts waiting for a free slot of their endpoint").register(meters);
    }

    /** Runs the attempt in the endpoint's lane ({@link #endpointOf}), now or when the lane has room. */
    public CompletionStage<AttemptOutcome> run(String endpoint, Supplier<CompletionStage<AttemptOutcome>> attempt) {
        return run(endpoint, () -> true, attempt);
    }

    /**
     * The same, for an attempt that may stop being wanted while it waits for room: one that is no
     * longer {@code wanted} when its turn comes is not started, takes no slot and completes with
     * {@code null}.
     */
    public CompletionStage<AttemptOutcome> run(String endpoint, BooleanSupplier wanted, Supplier<CompletionStage<AttemptOutcome>> attempt) {
        if (!wanted.getAsBoolean()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<AttemptOutcome> outcome = new CompletableFuture<>();
        Runnable start = () -> {
            inFlight.incrementAndGet();
            attempt.get().whenComplete((result, error) -> {
                inFlight.decrementAndGet();
                finished(endpoint, result != null && AttemptOutcome.TIMEOUT.equals(result.error()));
                if (error != null) {
                    outcome.completeExceptionally(error);
                } else {
                    outcome.complete(result);
                }
            });
        };
        boolean startNow;
        synchronized (lanes) {
            Lane lane = lanes.computeIfAbsent(endpoint, k -> new Lane());
            startNow = lane.running < perEndpoint;
            if (startNow) {
                lane.running++;
            } else {
                lane.waiting.add(new Parked(start, wanted, outcome));
                parked.incrementAndGet();
            }
        }
        if (startNow) {
            startInTurn(start);
        }
        return outcome;
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

    /**
     * How long an attempt for this endpoint ({@link #endpointOf}) would wait for a slot if it were
     * queued now, judging by how fast a stuck endpoint's attempts have been finishing; zero when a
     * slot is free, the endpoint is answering, or the pace is not known yet.
     */
    public Duration expectedWait(String endpoint) {
        double seconds;
        synchronized (lanes) {
            Lane lane = lanes.get(endpoint);
            seconds = lane == null ? 0 : lane.expectedWaitSeconds(System.nanoTime(), stallNanos);
        }
        return seconds > 86_400 ? Duration.ofDays(1) : Duration.ofNanos((long) (seconds * 1e9));
    }

    private void finished(String key, boolean timedOut) {
        Parked next;
        List<Parked> unwanted = new ArrayList<>();
        synchronized (lanes) {
            Lane lane = lanes.get(key);
            lane.finishedOne(System.nanoTime(), timedOut);
            next = lane.waiting.poll();
            while (next != null && !next.wanted().getAsBoolean()) {
                unwanted.add(next);
                next = lane.waiting.poll();
            }
            parked.addAndGet(-unwanted.size());
            if (next == null) {
                lane.running--;
                if (lane.running == 0) {
                    lanes.remove(key);
                }
            } else {
                parked.decrementAndGet();
            }
        }
        // completed here in a row, not one from another's completion: thousands dropped at once must not nest
        unwanted.forEach(dropped -> dropped.outcome().complete(null));
        if (next != null) {
            startInTurn(next.start());
        }
    }

    /**
     * Drops every parked attempt that is no longer wanted now rather than when its turn comes, so
     * that it stops holding its place (and its pending permit) in front of attempts still wanted.
     * Their outcomes complete with {@code null} on another thread: the caller may be Kafka's
     * rebalance callback.
     */
    public void dropUnwanted() {
        List<Parked> unwanted = new ArrayList<>();
        synchronized (lanes) {
            for (Lane lane : lanes.values()) {
                lane.waiting.removeIf(waiting -> !waiting.wanted().getAsBoolean() && unwanted.add(waiting));
            }
            parked.addAndGet(-unwanted.size());
        }
        if (!unwanted.isEmpty()) {
            CompletableFuture.runAsync(() -> unwanted.forEach(dropped -> dropped.outcome().complete(null)));
        }
    }

    private record Parked(Runnable start, BooleanSupplier wanted, CompletableFuture<AttemptOutcome> outcome) {
    }

    static String endpointOf(String url) {
        try {
            URI uri = URI.create(url);
            return (uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
