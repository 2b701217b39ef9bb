package com.statalog.webhooks.dispatcher.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.dispatcher.DispatcherConfig;
import com.statalog.webhooks.dispatcher.delivery.AttemptOutcome;
import com.statalog.webhooks.dispatcher.delivery.AttemptSummary;
import com.statalog.webhooks.dispatcher.delivery.Delivery;
import com.statalog.webhooks.dispatcher.delivery.DeliveryState;

/**
 * Where a failed attempt goes next: after attempt n, while there is an n-th retry delay, to the
 * n-th retry topic, due that delay later; after the last, to the dead-letter topic. Completes
 * when Kafka has acknowledged the record, so that the source may be acknowledged only then.
 */
@ApplicationScoped
public class RetryHandoff {

    private final List<Duration> delays;
    private final List<String> retryTopics;
    private final String deadLetterTopic;
    private final MutinyEmitter<String> handoff;
    private final ObjectMapper json;

    // unbounded here: the deliveries that can be handed over at once are bounded by PendingPermits
    RetryHandoff(DispatcherConfig config, @Channel("delivery-handoff") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<String> handoff, ObjectMapper json) {
        this.delays = config.delivery().retryDelays();
        this.retryTopics = config.topics().deliveryRetries();
        this.deadLetterTopic = config.topics().deliveriesDeadLetter();
        this.handoff = handoff;
        this.json = json;
        if (retryTopics.size() < delays.size()) {
            throw new IllegalStateException(delays.size() + " retry delays need as many retry topics; "
                    + "statalog.topics.delivery-retries names " + retryTopics.size());
        }
    }

    /** Answers the delivery's state after this failed attempt: retrying, or dropped after the last one. */
    public CompletionStage<DeliveryState> handOver(Delivery delivery, AttemptOutcome outcome, Instant at) {
        AttemptSummary failed = new AttemptSummary(delivery.attempt(), at, outcome.statusCode(), outcome.error());
        int retry = delivery.attempt() - 1;
        if (retry < delays.size()) {
            Delivery next = delivery.next(failed);
            return publish(retryTopics.get(retry), next, RetryRecord.of(next, Instant.now().plus(delays.get(retry))))
                    .thenApply(sent -> DeliveryState.RETRYING);
        }
        Delivery dropped = delivery.next(failed);
        RetryRecord deadLetter = new RetryRecord(dropped.id(), dropped.webhookId(), dropped.accountId(),
                dropped.event().wireName(), dropped.siteId(), RetryRecord.of(dropped, null).body(), delivery.attempt(), null,
                dropped.history());
        return publish(deadLetterTopic, dropped, deadLetter).thenApply(sent -> DeliveryState.DROPPED);
    }

    /** Whether an attempt can be postponed at all: only when there is a retry topic to wait in. */
    public boolean canDefer() {
        return !delays.isEmpty();
    }

    /** How long a postponed attempt waits: the first retry delay. */
    public Duration firstDelay() {
        return delays.get(0);
    }

    /**
     * Postpones an attempt that has not been made: the same attempt waits in the first retry topic
     * for the first delay. Completes when Kafka has the record.
     */
    public CompletionStage<Void> defer(Delivery delivery) {
        return publish(retryTopics.get(0), delivery, RetryRecord.of(delivery, Instant.now().plus(delays.get(0))));
    }

    private CompletionStage<Void> publish(String topic, Delivery delivery, RetryRecord record) {
        String value;
        try {
            value = json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("retry record not serialisable", e);
        }
        return handoff.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(delivery.webhookId().toString()).build())).subscribeAsCompletionStage();
    }
}
