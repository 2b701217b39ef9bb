package com.statalog.webhooks.anomaly.visitors;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.Identifier;

import com.statalog.webhooks.anomaly.AnomalyConfig;

/**
 * Whether the pageviews published so far have been counted: the group that counts them
 * ({@code statalog-anomaly}) has committed, on every partition of statalog.pageviews, at least
 * the end offset the topic had when asked. Its commits follow the counts' transactions, so a
 * committed offset is a counted one. A day is evaluated only after this held at some moment
 * after the day ended: after downtime the pageviews of the missed days are still in Kafka, and
 * evaluating them before they are counted would see a drop that never happened.
 */
@ApplicationScoped
public class PageviewBacklog {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Admin admin;
    private final String topic;
    private final String group;

    PageviewBacklog(@Identifier("default-kafka-broker") Map<String, Object> kafka, AnomalyConfig config,
            @ConfigProperty(name = "mp.messaging.incoming.pageviews.group.id") String group) {
        Properties properties = new Properties();
        properties.putAll(kafka);
        this.admin = Admin.create(properties);
        this.topic = config.topics().pageviews();
        this.group = group;
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /**
     * Waits up to {@code patience} until everything published to statalog.pageviews before this
     * call has been counted; answers whether it was.
     */
    public boolean awaitCounted(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            Map<TopicPartition, Long> ends = endOffsets();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue())) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (ExecutionException e) {
            return false;
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()),
                        info -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }
}
