package com.statalog.webhooks.registry.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;

import com.statalog.webhooks.registry.RegistryConfig;

/** Whether the configuration topic has ever held a record: a new or wiped topic has none on any partition. */
@ApplicationScoped
public class ConfigTopicContents {

    /** Kafka unreachable at start must not hold the start up for long: the answer is then "unknown". */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> kafka;
    private final String topic;

    @Inject
    ConfigTopicContents(@Identifier("default-kafka-broker") Map<String, Object> kafka, RegistryConfig config) {
        this(kafka, config.topics().webhookConfig());
    }

    ConfigTopicContents(Map<String, Object> kafka, String topic) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
    }

    /** True when no partition of the topic has an end offset above zero. */
    boolean empty() throws ExecutionException, InterruptedException, TimeoutException {
        Properties properties = new Properties();
        properties.putAll(kafka);
        try (Admin admin = Admin.create(properties)) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                    .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()), info -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values().stream()
                    .allMatch(end -> end.offset() == 0);
        }
    }
}
