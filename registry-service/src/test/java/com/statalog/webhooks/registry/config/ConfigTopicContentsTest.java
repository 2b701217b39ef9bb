package com.statalog.webhooks.registry.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import com.statalog.webhooks.testkit.KafkaTestResource;
import com.statalog.webhooks.testkit.TestKafkaClient;

/** What decides a republish at start: a topic that never held a record, on the real broker. */
class ConfigTopicContentsTest {

    @Test
    void aNewTopicIsEmptyAndOneRecordOnAnyPartitionMakesItNot() throws Exception {
        String bootstrap = KafkaTestResource.bootstrapServers();
        String topic = "config-contents-" + UUID.randomUUID();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        ConfigTopicContents contents = new ConfigTopicContents(Map.of("bootstrap.servers", bootstrap), topic);

        // a topic just created takes a moment to be known to every part of the broker
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(contents::empty);
        TestKafkaClient.send(topic, "webhook:x", "{}");
        assertFalse(contents.empty());
    }
}
