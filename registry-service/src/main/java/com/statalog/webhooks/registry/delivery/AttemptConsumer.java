package com.statalog.webhooks.registry.delivery;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.attempt.AttemptRecord;

/**
 * Reads the dispatcher's attempt records into the {@link DeliveryLog}, a poll's batch per transaction. While PostgreSQL is down the
 * record is retried, so the log catches up afterwards and loses nothing; an unreadable record is
 * reported and skipped (the log is a view: the dispatcher's topic stays the source).
 */
@ApplicationScoped
public class AttemptConsumer {

    private static final Logger LOG = Logger.getLogger(AttemptConsumer.class);

    private final DeliveryLog log;
    private final ObjectMapper json;

    AttemptConsumer(DeliveryLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    @Incoming("webhook-attempts")
    @Blocking
    public void consume(List<String> values) {
        List<AttemptRecord> records = new ArrayList<>(values.size());
        for (String value : values) {
            try {
                records.add(json.readValue(value, AttemptRecord.class));
            } catch (Exception e) {
                LOG.errorf("unreadable attempt record skipped: %s", e.getClass().getSimpleName());
            }
        }
        log.applyAll(records);
    }
}
