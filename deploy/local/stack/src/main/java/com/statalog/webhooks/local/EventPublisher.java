package com.statalog.webhooks.local;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.contracts.Topic;

/**
 * Publishes one event to {@code statalog.events} the way Statalog's own services do, for trying
 * a webhook without Kafka's tools (deploy/local/publish-event.sh): the contracts' example of the
 * type, for the given site, timestamped now, keyed by the site.
 */
final class EventPublisher {

    private EventPublisher() {
    }

    /** Sends the event and answers where it was written and what ("statalog.events-2@17 {…}"). */
    static String publish(String bootstrapServers, EventType type, String siteId) {
        String event = event(type, siteId, Instant.now());
        Properties properties = new Properties();
        properties.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            RecordMetadata written = producer.send(new ProducerRecord<>(Topic.EVENTS.topicName(), siteId, event)).get();
            return written.topic() + "-" + written.partition() + "@" + written.offset() + " " + event;
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    static String event(EventType type, String siteId, Instant at) {
        // the example's numbers as written (49.00 stays 49.00)
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        try {
            ObjectNode event = (ObjectNode) json.readTree(type.example());
            event.put("site_id", siteId);
            event.put("timestamp", at.truncatedTo(ChronoUnit.SECONDS).toString());
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the contracts' example of " + type.wireName() + " is not JSON", e);
        }
    }
}
