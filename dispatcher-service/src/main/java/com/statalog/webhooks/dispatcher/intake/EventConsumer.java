package com.statalog.webhooks.dispatcher.intake;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Reads statalog.events. A record that fails validation is nacked, and the channel's
 * dead-letter-queue failure strategy moves it to the dead-letter topic with the reason in the
 * {@code dead-letter-reason} header: the partition moves on and nothing is silently dropped.
 */
@ApplicationScoped
public class EventConsumer {

    private final EventValidator validator;
    private final MeterRegistry meters;
    private final Counter accepted;

    EventConsumer(EventValidator validator, MeterRegistry meters) {
        this.validator = validator;
        this.meters = meters;
        this.accepted = Counter.builder("statalog.events.accepted").description("Valid events read from statalog.events")
                .register(meters);
    }

    @Incoming("events")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        String key = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (String) metadata.getKey())
                .orElse(null);
        try {
            validator.validate(key, message.getPayload());
        } catch (InvalidEventException invalid) {
            meters.counter("statalog.events.dead.lettered", "reason", invalid.kind()).increment();
            return message.nack(invalid);
        }
        accepted.increment();
        return message.ack();
    }
}
