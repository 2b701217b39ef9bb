package com.statalog.webhooks.dispatcher;

import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.annotation.Identifier;

/**
 * The connection settings every Kafka client of this service shares: the {@code kafka.*}
 * configuration (bootstrap servers and, in a cluster, SASL and TLS from {@code KAFKA_*} variables)
 * that the messaging channels use too, so a consumer created by hand authenticates like they do.
 */
@ApplicationScoped
public class KafkaClientSettings {

    private final Map<String, Object> shared;

    KafkaClientSettings(@Identifier("default-kafka-broker") Map<String, Object> shared) {
        this.shared = Map.copyOf(shared);
    }

    /** The shared settings, then this client's own. */
    public Properties with(Map<String, String> own) {
        Properties properties = new Properties();
        properties.putAll(shared);
        properties.putAll(own);
        return properties;
    }
}
