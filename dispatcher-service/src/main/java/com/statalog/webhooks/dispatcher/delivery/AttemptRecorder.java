package com.statalog.webhooks.dispatcher.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.attempt.AttemptRecord;
import com.statalog.webhooks.dispatcher.DispatcherConfig;

/** Publishes every attempt, and counts it: deliveries by outcome and the attempts' latency. */
@Startup // so that its meters exist from the start, before the first attempt
@ApplicationScoped
public class AttemptRecorder {

    private final MutinyEmitter<String> attempts;
    private final DeliveryTraces traces;
    private final String topic;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Timer latency;
    /** Counters by outcome and state, looked up once: a registry lookup per attempt shows in profiles. */
    private final Map<String, Counter> attemptCounters = new ConcurrentHashMap<>();

    // unbounded here: the deliveries that can be waiting to be recorded are bounded by PendingPermits
    AttemptRecorder(@Channel("webhook-attempts") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> attempts,
            DeliveryTraces traces, DispatcherConfig config, ObjectMapper json, MeterRegistry meters) {
        this.attempts = attempts;
        this.traces = traces;
        this.topic = config.topics().webhookAttempts();
        this.json = json;
        this.meters = meters;
        this.latency = Timer.builder("statalog.delivery.attempt.duration").description("Time from connecting to the answer")
                .publishPercentileHistogram().register(meters);
        // the final outcomes the success ratio is judged by exist from the start at 0
        counter("delivered", DeliveryState.DELIVERED.wireName());
        counter(AttemptOutcome.HTTP_STATUS, DeliveryState.DROPPED.wireName());
    }

    private Counter counter(String outcome, String state) {
        return attemptCounters.computeIfAbsent(outcome + '/' + state,
                key -> meters.counter("statalog.delivery.attempts", "outcome", outcome, "state", state));
    }

    /** Completes when Kafka has acknowledged the record, published in the trace of {@code trace}. */
    public CompletionStage<Void> record(AttemptRecord attempt, Context trace) {
        boolean cancelled = DeliveryState.CANCELLED.wireName().equals(attempt.state());
        if (!cancelled) {
            latency.record(Duration.ofMillis(attempt.durationMs()));
        }
        String outcome = cancelled ? "cancelled" : attempt.error() == null ? "delivered" : attempt.error();
        counter(outcome, attempt.state()).increment();
        String value;
        try {
            value = json.writeValueAsString(attempt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attempt record not serialisable", e);
        }
        return attempts.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(attempt.webhookId().toString()).withHeaders(traces.published(trace, topic)).build()))
                .subscribeAsCompletionStage();
    }
}
