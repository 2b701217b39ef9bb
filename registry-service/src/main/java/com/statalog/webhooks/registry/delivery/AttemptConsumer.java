package com.statalog.webhooks.registry.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the dispatcher's attempt records into the {@link DeliveryLog}. While PostgreSQL is down the
 * record is retried, so the log catches up afterwards and loses nothing; an unreadable record is
 * reported and skipped (the log is a view: the dispatcher's topic stays the source).
 */
@ApplicationScoped
public class AttemptConsumer {

    private static final Logger LOG = Logger.getLogger(AttemptConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final DeliveryLog log;
    private final ObjectMapper json;

    AttemptConsumer(DeliveryLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    @Incoming("webhook-attempts")
    @Blocking
    public void consume(String value) throws InterruptedException {
        AttemptRecord record;
        try {
            record = json.readValue(value, AttemptRecord.class);
        } catch (Exception e) {
            LOG.errorf("unreadable attempt record skipped: %s", e.getClass().getSimpleName());
            return;
        }
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                log.apply(record);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("attempt record of delivery %s not stored yet, retrying in %d ms: %s", record.deliveryId(),
                        backoff.toMillis(), e.getClass().getSimpleName());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
