package com.statalog.webhooks.dispatcher.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.dispatcher.DispatcherConfig;
import com.statalog.webhooks.dispatcher.delivery.AttemptOutcome;
import com.statalog.webhooks.dispatcher.delivery.AttemptSummary;
import com.statalog.webhooks.dispatcher.delivery.Delivery;
import com.statalog.webhooks.dispatcher.delivery.DeliveryState;
import com.statalog.webhooks.dispatcher.delivery.DeliveryTraces;

/**
 * Where a failed attempt goes next: after attempt n, while there is an n-th retry delay, to the
 * n-th retry topic, due that delay later; after the last, to the dead-letter topic. Completes
 * when Kafka has acknowledged the record, so that the source may be acknowledged only then. Each
 * record is published in the trace it is given, which goes with it in its headers.
 */
@ApplicationScoped
public class RetryHandoff {

    private final List<Duration> delays;
    private final Duration retryAfterMax;
    private final List<String> retryTopics;
    private final String deadLetterTopic;
    private final MutinyEmitter<String> handoff;
    private final DeliveryTraces traces;
    private final ObjectMapper json;

    // unbounded here: the deliveries that can be handed over at once are bounded by PendingPermits
    RetryHandoff(DispatcherConfig config, @Channel("delivery-handoff") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<String> handoff, DeliveryTraces traces, ObjectMapper json) {
        this.delays = config.delivery().retryDelays();
        this.retryAfterMax = config.delivery().retryAfterMax();
        this.retryTopics = config.topics().deliveryRetries();
        this.deadLetterTopic = config.topics().deliveriesDeadLetter();
        this.handoff = handoff;
        this.traces = traces;
        this.json = json;
        if (retryTopics.size() < delays.size()) {
            throw new IllegalStateException(delays.size() + " retry delays need as many retry topics; "
                    + "statalog.topics.delivery-retries names " + retryTopics.size());
        }
    }

    /**
     * Answers the delivery's state after this failed attempt: retrying, or dropped after the last
     * one or after a 410 Gone (the endpoint asks never to be called again; the registry disables
     * the webhook). A 429 or 503 with {@code Retry-After} waits max(scheduled delay, Retry-After),
     * the latter capped at {@code statalog.delivery.retry-after-max}.
     */
    public CompletionStage<DeliveryState> handOver(Delivery delivery, AttemptOutcome outcome, Instant at, Context trace) {
        AttemptSummary failed = new AttemptSummary(delivery.attempt(), at, outcome.statusCode(), outcome.error());
        int retry = delivery.attempt() - 1;
        Delivery next = delivery.next(failed);
        if (retry < delays.size() && !outcome.gone()) {
            Duration wait = delays.get(retry);
            if (outcome.retryAfter() != null) {
                Duration asked = outcome.retryAfter().compareTo(retryAfterMax) > 0 ? retryAfterMax : outcome.retryAfter();
                wait = asked.compareTo(wait) > 0 ? asked : wait;
            }
            return publish(retryTopics.get(retry), RetryRecord.of(next, Instant.now().plus(wait)), trace)
                    .thenApply(sent -> DeliveryState.RETRYING);
        }
        RetryRecord deadLetter = new RetryRecord(next.id(), next.webhookId(), next.accountId(), next.event().wireName(),
                next.siteId(), RetryRecord.of(next, null).body(), next.replay(), delivery.attempt(), null, next.history(),
                next.createdAt());
        return publish(deadLetterTopic, deadLetter, trace).thenApply(sent -> DeliveryState.DROPPED);
    }

    /**
     * Postpones an attempt that has not been made: the same attempt waits in the first retry topic
     * for the first delay. Completes when Kafka has the record.
     */
    public CompletionStage<Void> defer(Delivery delivery, Context trace) {
        return publish(retryTopics.get(0), RetryRecord.of(delivery, Instant.now().plus(delays.get(0))), trace);
    }

    /**
     * Puts a retry that has waited its turn in {@code topic} but is not due yet (it was told to wait
     * longer by Retry-After) back at the end of the topic, so that it never holds up the retries
     * behind it. Completes when Kafka has the record.
     */
    CompletionStage<Void> requeue(String topic, RetryRecord record, Context trace) {
        return publish(topic, record, trace);
    }

    private CompletionStage<Void> publish(String topic, RetryRecord record, Context trace) {
        String value;
        try {
            value = json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("retry record not serialisable", e);
        }
        return handoff.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(record.webhookId().toString()).withHeaders(traces.published(trace, topic)).build()))
                .subscribeAsCompletionStage();
    }
}
