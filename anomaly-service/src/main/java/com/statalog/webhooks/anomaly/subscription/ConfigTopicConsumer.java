package com.statalog.webhooks.anomaly.subscription;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;

import com.statalog.webhooks.contracts.KafkaHeaders;

/**
 * Reads the registry's configuration topic (docs/config-topic.md) into the {@link Subscriptions}:
 * the nightly evaluation joins them in SQL, and does not need the registry to be up. A record that
 * cannot be read is skipped; one that cannot be written yet is tried until it is.
 */
@ApplicationScoped
public class ConfigTopicConsumer {

    private static final Logger LOG = Logger.getLogger(ConfigTopicConsumer.class);

    private final Subscriptions subscriptions;

    ConfigTopicConsumer(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Incoming("webhook-config")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws SQLException {
        if (record.key() == null) {
            return;
        }
        try {
            Long version = version(record.headers().lastHeader(KafkaHeaders.CONFIG_VERSION));
            subscriptions.applyIfNewer(record.key(), version, record.value());
        } catch (RuntimeException e) {
            // a record we cannot read or apply (anything but a SQL failure, which is tried until it succeeds) would fail
            // the same way after every restart: it must not stop the others; it holds no visitor data
            LOG.errorf("configuration record %s skipped: %s", record.key(), e.getClass().getSimpleName());
        }
    }

    private static Long version(Header header) {
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
