package com.statalog.webhooks.dispatcher.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.dispatcher.DispatcherConfig;
import com.statalog.webhooks.dispatcher.KafkaClientSettings;
import com.statalog.webhooks.dispatcher.egress.UrlPolicy;
import com.statalog.webhooks.dispatcher.intake.EventType;
import com.statalog.webhooks.dispatcher.signing.SigningKeys;

/**
 * Reads the whole configuration topic from its start into the {@link WebhookDirectory}, then
 * follows it. Every replica reads every partition (no consumer group): each needs the whole table.
 */
@ApplicationScoped
public class ConfigTopicReader {

    private static final Logger LOG = Logger.getLogger(ConfigTopicReader.class);

    private final WebhookDirectory directory;
    private final SecretKeyRing keyRing;
    private final ObjectMapper json;
    private final String topic;
    private final KafkaClientSettings kafkaSettings;
    private final UrlPolicy urlPolicy;
    private final ConfigVersions versions = new ConfigVersions();
    private final Counter stale;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;

    ConfigTopicReader(WebhookDirectory directory, SecretKeyRing keyRing, ObjectMapper json, DispatcherConfig config,
            KafkaClientSettings kafkaSettings, UrlPolicy urlPolicy, MeterRegistry meters) {
        this.directory = directory;
        this.stale = Counter.builder("statalog.config.messages.stale")
                .description("Configuration messages not applied: older than the entity's state already held").register(meters);
        this.urlPolicy = urlPolicy;
        this.keyRing = keyRing;
        this.json = json;
        this.topic = config.topics().webhookConfig();
        this.kafkaSettings = kafkaSettings;
    }

    void start(@Observes StartupEvent start) {
        Thread reader = new Thread(this::run, "config-topic-reader");
        reader.setDaemon(true);
        reader.start();
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(properties(), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer = kafka;
                follow(kafka);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("configuration topic reader failed, starting again from the beginning: %s", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private void follow(KafkaConsumer<String, String> kafka) {
        List<TopicPartition> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
        Set<TopicPartition> behind = new HashSet<>(partitions);
        while (running) {
            for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
                apply(record);
            }
            if (!directory.isCaughtUp()) {
                behind.removeIf(partition -> kafka.position(partition) >= ends.get(partition));
                if (behind.isEmpty()) {
                    directory.markCaughtUp();
                    LOG.info("configuration loaded from the topic");
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        String key = record.key();
        try {
            if (key == null) {
                return;
            }
            if (!versions.newer(key, record.headers())) {
                stale.increment();
                return;
            }
            if (key.startsWith("site:")) {
                String siteId = key.substring("site:".length());
                if (record.value() == null) {
                    directory.removeSite(siteId);
                } else {
                    directory.putSite(siteId, UUID.fromString(json.readTree(record.value()).get("account_id").asText()));
                }
            } else if (key.startsWith("webhook:")) {
                UUID id = UUID.fromString(key.substring("webhook:".length()));
                if (record.value() == null) {
                    directory.removeWebhook(id);
                } else {
                    directory.putWebhook(webhook(id, json.readTree(record.value())));
                }
            }
        } catch (Exception e) {
            // one bad message must not stop the table: it is skipped and reported (no values: they hold secrets)
            LOG.errorf("configuration record %s at offset %d skipped: %s", key, record.offset(), e.getClass().getSimpleName());
        }
    }

    private WebhookConfig webhook(UUID id, JsonNode state) {
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        state.get("events").forEach(name -> EventType.fromWireName(name.asText()).ifPresent(events::add));
        JsonNode site = state.get("site_id");
        JsonNode secret = state.get("secret");
        JsonNode previous = state.path("previous_secret");
        String url = state.get("url").asText();
        Instant previousUntil = previous.isObject() ? Instant.parse(previous.get("until").asText()) : null;
        SigningKeys previousKeys = previousUntil != null && previousUntil.isAfter(Instant.now()) ? previousKeys(id, previous) : null;
        return new WebhookConfig(id, UUID.fromString(state.get("account_id").asText()),
                site == null || site.isNull() ? null : site.asText(), url, urlPolicy.origin(url), events,
                state.get("spike_threshold_pct").asDouble(), state.get("drop_threshold_pct").asDouble(),
                goals(state.path("goals")), state.get("enabled").asBoolean(),
                keyRing.signingKeys(id, secret.get("key_id").asText(), secret.get("ciphertext").asText()),
                previousKeys, previousKeys == null ? null : previousUntil);
    }

    /**
     * The keys of a replaced secret still in its grace period, or null when they cannot be opened
     * (its encryption key already removed from the ring): the webhook is still delivered, signed
     * with its current secret only.
     */
    private SigningKeys previousKeys(UUID id, JsonNode previous) {
        try {
            return keyRing.signingKeys(id, previous.get("key_id").asText(), previous.get("ciphertext").asText());
        } catch (RuntimeException e) {
            LOG.warnf("the replaced signing secret of webhook %s cannot be opened (%s): signing with the current one only", id,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private static GoalFilter goals(JsonNode goals) {
        if (!goals.isObject()) {
            return GoalFilter.EVERY_GOAL;
        }
        Set<Long> ids = new HashSet<>();
        goals.path("ids").forEach(id -> ids.add(id.asLong()));
        Set<String> names = new HashSet<>();
        goals.path("names").forEach(name -> names.add(name.asText()));
        return new GoalFilter(Set.copyOf(ids), Set.copyOf(names));
    }

    private Properties properties() {
        return kafkaSettings.with(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
