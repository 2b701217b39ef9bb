package com.statalog.webhooks.dispatcher.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while every retry topic's consumer is polling: a replica whose retry consumer has
 * stopped (or died of an error it could not start over from, or hangs between polls) still takes
 * first attempts, but its share of the retries would wait until it is restarted. Each topic is named
 * in the health output with what its consumer is doing. A healthy consumer polls at least every
 * 100 ms (paused partitions included), so {@link #STALLED} is far beyond a healthy gap.
 */
@Readiness
@ApplicationScoped
public class RetryConsumersReadiness implements HealthCheck {

    static final Duration STALLED = Duration.ofSeconds(30);

    private final RetryConsumers consumers;

    RetryConsumersReadiness(RetryConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("retry-consumers").up();
        Instant now = Instant.now();
        for (RetryTopicConsumer consumer : consumers.consumers()) {
            String state = state(consumer, now);
            response.withData(consumer.topic(), state);
            if (!"polling".equals(state)) {
                response.down();
            }
        }
        return response.build();
    }

    private static String state(RetryTopicConsumer consumer, Instant now) {
        if (consumer.ended()) {
            return consumer.failure().map(failure -> "ended: " + failure.getClass().getSimpleName()).orElse("stopped");
        }
        Optional<Instant> lastPoll = consumer.lastPoll();
        if (lastPoll.isEmpty()) {
            return "starting";
        }
        return lastPoll.get().isBefore(now.minus(STALLED)) ? "stalled since " + lastPoll.get() : "polling";
    }
}
