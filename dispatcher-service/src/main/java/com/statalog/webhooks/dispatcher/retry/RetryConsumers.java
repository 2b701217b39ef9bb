package com.statalog.webhooks.dispatcher.retry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.dispatcher.DispatcherConfig;
import com.statalog.webhooks.dispatcher.KafkaClientSettings;
import com.statalog.webhooks.dispatcher.delivery.Deliverer;
import com.statalog.webhooks.dispatcher.delivery.DeliveryTraces;
import com.statalog.webhooks.dispatcher.delivery.PendingPermits;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;

/** One {@link RetryTopicConsumer} per retry delay, in the consumer group shared by every dispatcher replica. */
@ApplicationScoped
public class RetryConsumers {

    static final String GROUP = "statalog-dispatcher-retries";

    private final List<RetryTopicConsumer> consumers = new ArrayList<>();

    RetryConsumers(DispatcherConfig config, Deliverer deliverer, RetryHandoff handoff, PendingPermits permits,
            WebhookDirectory directory, DeliveryTraces traces, ObjectMapper json, MeterRegistry meters,
            KafkaClientSettings kafkaSettings) {
        int retries = config.delivery().retryDelays().size();
        for (int retry = 0; retry < retries; retry++) {
            String topic = config.topics().deliveryRetries().get(retry);
            Properties props = kafkaSettings.with(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000",
                    // a resumed partition is fetched at once, not after the broker's default 500 ms wait: retries stay on time
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50",
                    // a crashed replica's partitions move to the others after 10 s, not the default 45 s
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000",
                    ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000"));
            consumers.add(new RetryTopicConsumer(topic, config.delivery().retryDelays().get(retry), props, deliverer, handoff, permits,
                    directory, config.delivery().maxPending(), traces, json, meters));
        }
    }

    void start(@Observes StartupEvent start) {
        for (RetryTopicConsumer consumer : consumers) {
            Thread thread = new Thread(consumer, "retry-consumer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    List<RetryTopicConsumer> consumers() {
        return List.copyOf(consumers);
    }

    void stop(@Observes ShutdownEvent stop) {
        consumers.forEach(RetryTopicConsumer::stop);
    }
}
