package com.statalog.webhooks.registry.delivery;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.attempt.AttemptRecord;

/**
 * Reads the dispatcher's attempt records into the {@link DeliveryLog}, a poll's batch per transaction. While PostgreSQL is down the
 * record is retried, so the log catches up afterwards and loses nothing; an unreadable record —
 * not JSON, a member the log needs missing, or a delivery id that is not a UUID — is reported and
 * skipped before it reaches the database, where it would fail its batch for ever (the log is a
 * view: the dispatcher's topic stays the source).
 */
@ApplicationScoped
public class AttemptConsumer {

    private static final Logger LOG = Logger.getLogger(AttemptConsumer.class);

    private final DeliveryLog log;
    private final AttemptTraces traces;
    private final ObjectMapper json;
    private final DistributionSummary batchSize;

    AttemptConsumer(DeliveryLog log, AttemptTraces traces, ObjectMapper json, MeterRegistry meters) {
        this.log = log;
        this.traces = traces;
        this.json = json;
        this.batchSize = DistributionSummary.builder("statalog.delivery.log.batch.records")
                .description("Attempt records per poll stored in one transaction").register(meters);
    }

    @Incoming("webhook-attempts")
    @Blocking
    public void consume(ConsumerRecords<String, String> batch) {
        batchSize.record(batch.count());
        AttemptTraces.Received traced = traces.received(batch);
        List<AttemptRecord> records = new ArrayList<>(batch.count());
        for (ConsumerRecord<String, String> record : batch) {
            try {
                records.add(complete(json.readValue(record.value(), AttemptRecord.class)));
            } catch (Exception e) {
                LOG.errorf("unreadable attempt record skipped: %s %s", e.getClass().getSimpleName(),
                        e instanceof IllegalArgumentException ? e.getMessage() : "");
            }
        }
        try {
            log.applyAll(records);
        } catch (RuntimeException e) {
            traced.failed(e);
            throw e;
        }
        traced.stored();
    }

    private static AttemptRecord complete(AttemptRecord record) {
        if (record.webhookId() == null || record.accountId() == null || record.event() == null || record.at() == null
                || record.state() == null || record.attempt() < 1 || record.replay() < 0) {
            throw new IllegalArgumentException("a member the delivery log needs is missing or out of range");
        }
        if (DeliveryId.parse(record.deliveryId()).isEmpty()) {
            throw new IllegalArgumentException("the delivery id is not a UUID");
        }
        return record;
    }
}
