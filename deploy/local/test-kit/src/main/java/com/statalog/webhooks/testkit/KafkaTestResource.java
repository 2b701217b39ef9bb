package com.statalog.webhooks.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.statalog.webhooks.local.KafkaTopics;

/**
 * Gives a Quarkus test a real Kafka broker: the one named by {@code KAFKA_BOOTSTRAP_SERVERS}
 * when that is set and non-empty (topics are created there), else an {@link InProcessKafka}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    private static String bootstrapServers;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    /** The broker of this test JVM, for tests that produce or consume directly. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv(BOOTSTRAP_ENV);
            if (external != null && !external.isBlank()) {
                KafkaTopics.createAll(external);
                bootstrapServers = external;
            } else {
                bootstrapServers = InProcessKafka.bootstrapServers();
            }
        }
        return bootstrapServers;
    }

    @Override
    public void stop() {
        // the broker lives as long as the JVM, so that test classes with different resources share it
    }
}
