package com.statalog.webhooks.dispatcher.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import com.statalog.webhooks.contracts.KafkaHeaders;
import com.statalog.webhooks.dispatcher.delivery.Deliverer;
import com.statalog.webhooks.dispatcher.delivery.Delivery;
import com.statalog.webhooks.dispatcher.delivery.DeliveryState;
import com.statalog.webhooks.dispatcher.delivery.DeliveryTraces;
import com.statalog.webhooks.dispatcher.delivery.PendingPermits;
import com.statalog.webhooks.dispatcher.webhook.WebhookConfig;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;

/**
 * Reads statalog.events and fans each event out to its subscribers. A record that fails
 * validation is nacked, and the channel's dead-letter-queue failure strategy moves it to the
 * dead-letter topic with the reason in the {@code dead-letter-reason} header. A valid record is
 * acknowledged only when every one of its deliveries is finished or handed over, and the next
 * record is read without waiting for that (the throttled commit strategy commits in order). Each
 * delivery's trace continues the record's: its publisher's, when the record carries a context.
 */
@Startup // so that its counters exist from the start, before the first record
@ApplicationScoped
public class EventConsumer {

    private static final int MAX_EVENT_ID = 200;

    private final EventValidator validator;
    private final WebhookDirectory directory;
    private final PendingPermits permits;
    private final Deliverer deliverer;
    private final PartitionOwnership ownership;
    private final OffsetLedger ledger;
    private final DeliveryTraces traces;
    private final MeterRegistry meters;
    private final Counter accepted;
    private final Counter finishedBefore;

    EventConsumer(EventValidator validator, WebhookDirectory directory, PendingPermits permits, Deliverer deliverer,
            @Identifier(PartitionOwnership.NAME) PartitionOwnership ownership, OffsetLedger ledger, DeliveryTraces traces,
            MeterRegistry meters) {
        this.validator = validator;
        this.directory = directory;
        this.permits = permits;
        this.deliverer = deliverer;
        this.ownership = ownership;
        this.ledger = ledger;
        this.traces = traces;
        this.meters = meters;
        this.accepted = Counter.builder("statalog.events.accepted").description("Valid events read from statalog.events")
                .register(meters);
        // every reason's series exists from the start at 0: an alert on its increase sees the first dead letter
        InvalidEventException.KINDS.forEach(kind -> meters.counter("statalog.events.dead.lettered", "reason", kind));
        this.finishedBefore = Counter.builder("statalog.events.finished.before")
                .description("Records of statalog.events acknowledged without delivery: the partition's previous owner had finished them")
                .register(meters);
    }

    @Incoming("events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> source = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        BooleanSupplier stillOurs = ownership.claim(source.getTopic(), source.getPartition());
        TopicPartition partition = new TopicPartition(source.getTopic(), source.getPartition());
        long offset = source.getOffset();
        ledger.read(partition, offset);
        if (ledger.finishedByPreviousOwner(partition, offset)) {
            finishedBefore.increment();
            ledger.finished(partition, offset);
            return message.ack();
        }
        InboundEvent event;
        try {
            event = validator.validate((String) source.getKey(), message.getPayload());
        } catch (InvalidEventException invalid) {
            meters.counter("statalog.events.dead.lettered", "reason", invalid.kind()).increment();
            return message.nack(invalid).thenRun(() -> ledger.finished(partition, offset));
        }
        accepted.increment();
        // nothing is resolved against a half-loaded configuration
        return directory.caughtUp().<Void> thenCompose(loaded -> {
            List<WebhookConfig> subscribers = directory.subscribers(event);
            if (subscribers.isEmpty()) {
                ledger.finished(partition, offset);
                return message.ack();
            }
            return permits.acquire(subscribers.size())
                    .thenRun(() -> deliverAll(message, source, partition, event, subscribers, stillOurs));
        }).whenComplete((started, failure) -> {
            if (failure != null) {
                // the channel's failure strategy dead-letters the record: it is done with here
                ledger.finished(partition, offset);
            }
        });
    }

    /**
     * The event's identity from its publisher, if it gave one that is 1-200 printable ASCII
     * characters; anything else is ignored and the record's place in the topic names the event.
     */
    private static String eventId(IncomingKafkaRecordMetadata<?, ?> source) {
        Header header = source.getHeaders().lastHeader(KafkaHeaders.EVENT_ID);
        if (header == null || header.value() == null || header.value().length == 0 || header.value().length > MAX_EVENT_ID) {
            return null;
        }
        for (byte b : header.value()) {
            if (b < 0x21 || b > 0x7e) {
                return null;
            }
        }
        return new String(header.value(), StandardCharsets.US_ASCII);
    }

    private void deliverAll(Message<byte[]> message, IncomingKafkaRecordMetadata<?, ?> source, TopicPartition partition,
            InboundEvent event, List<WebhookConfig> subscribers, BooleanSupplier stillOurs) {
        String eventId = eventId(source);
        Context trace = traces.started(source.getHeaders(), source.getTopic());
        List<CompletableFuture<Optional<DeliveryState>>> deliveries = subscribers.stream()
                .map(webhook -> deliverer.attempt(Delivery.first(
                        Delivery.idFor(eventId, source.getTopic(), source.getPartition(), source.getOffset(), webhook.id()),
                        webhook.id(), webhook.accountId(), event.type(), event.siteId(), event.body()), trace, stillOurs)
                        .toCompletableFuture())
                .toList();
        CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
            permits.release(subscribers.size());
            if (failure != null) {
                message.nack(failure).thenRun(() -> ledger.finished(partition, source.getOffset()));
            } else if (deliveries.stream().allMatch(delivery -> delivery.join().isPresent())) {
                ledger.finished(partition, source.getOffset());
                message.ack();
            } else {
                // the partition has moved and its new owner delivers the record: it is not acknowledged
                // here, since if the partition has come back meanwhile the acknowledgement would count for
                // the copy read again, and the offset could be committed before that copy is delivered
                ledger.givenUp(partition, source.getOffset());
            }
        });
    }
}
