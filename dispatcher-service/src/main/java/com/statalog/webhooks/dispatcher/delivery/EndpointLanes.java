package com.statalog.webhooks.dispatcher.delivery;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.statalog.webhooks.dispatcher.DispatcherConfig;

/**
 * Runs attempts with at most {@code max-in-flight-per-endpoint} at a time per endpoint (scheme,
 * host and port of the URL). Attempts beyond that are parked in memory, in order, and start as
 * slots free up: a slow or dead endpoint holds only its own lane, never the partition or other
 * endpoints. Parked attempts are not lost: their source record is not acknowledged until they
 * finish. The total of parked and running work is bounded by {@link PendingPermits}.
 */
@ApplicationScoped
public class EndpointLanes {

    private final int perEndpoint;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger parked = new AtomicInteger();

    private static final class Lane {
        int running;
        final Queue<Runnable> waiting = new ArrayDeque<>();
    }

    EndpointLanes(DispatcherConfig config, MeterRegistry meters) {
        this.perEndpoint = config.delivery().maxInFlightPerEndpoint();
        Gauge.builder("statalog.deliveries.in.flight", inFlight, AtomicInteger::get)
                .description("Attempts waiting for an endpoint's answer").register(meters);
        Gauge.builder("statalog.deliveries.parked", parked, AtomicInteger::get)
                .description("Attempts waiting for a free slot of their endpoint").register(meters);
    }

    /** Runs the attempt in the URL's lane, now or when the lane has room. */
    public CompletionStage<AttemptOutcome> run(String url, Supplier<CompletionStage<AttemptOutcome>> attempt) {
        String key = endpointOf(url);
        CompletableFuture<AttemptOutcome> outcome = new CompletableFuture<>();
        Runnable start = () -> {
            inFlight.incrementAndGet();
            attempt.get().whenComplete((result, error) -> {
                inFlight.decrementAndGet();
                finished(key);
                if (error != null) {
                    outcome.completeExceptionally(error);
                } else {
                    outcome.complete(result);
                }
            });
        };
        boolean startNow;
        synchronized (lanes) {
            Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
            startNow = lane.running < perEndpoint;
            if (startNow) {
                lane.running++;
            } else {
                lane.waiting.add(start);
                parked.incrementAndGet();
            }
        }
        if (startNow) {
            start.run();
        }
        return outcome;
    }

    /** Attempts waiting for a slot of the URL's endpoint. */
    public int parked(String url) {
        String key = endpointOf(url);
        synchronized (lanes) {
            Lane lane = lanes.get(key);
            return lane == null ? 0 : lane.waiting.size();
        }
    }

    private void finished(String key) {
        Runnable next;
        synchronized (lanes) {
            Lane lane = lanes.get(key);
            next = lane.waiting.poll();
            if (next == null) {
                lane.running--;
                if (lane.running == 0) {
                    lanes.remove(key);
                }
            } else {
                parked.decrementAndGet();
            }
        }
        if (next != null) {
            next.run();
        }
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
