package com.statalog.webhooks.dispatcher.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.contracts.config.ConfigMessages;
import com.statalog.webhooks.contracts.config.Goals;
import com.statalog.webhooks.contracts.config.PreviousSecret;
import com.statalog.webhooks.contracts.config.WebhookState;
import com.statalog.webhooks.dispatcher.DispatcherConfig;
import com.statalog.webhooks.dispatcher.KafkaClientSettings;
import com.statalog.webhooks.dispatcher.egress.UrlPolicy;
import com.statalog.webhooks.dispatcher.signing.SigningKeys;

/**
 * Reads the whole configuration topic from its start into the {@link WebhookDirectory}, then
 * follows it. Every replica reads every partition (no consumer group): each needs the whole table.
 * <p>
 * No record can stop it: one that cannot be read or applied is skipped and reported, and one the
 * directory's bounds refuse is reported to {@link ConfigRefusals}, so that whatever the topic
 * holds the replica starts, gets ready and delivers for everyone else. A Kafka failure starts the
 * reading again. Only an {@link Error} outside a record ends the thread, and that end is never
 * silent: it is logged, and readiness and liveness go DOWN ({@link #failure()}), so that Kubernetes
 * restarts the pod rather than leaving it deaf to every configuration change.
 */
@ApplicationScoped
public class ConfigTopicReader {

    private static final Logger LOG = Logger.getLogger(ConfigTopicReader.class);

    private final WebhookDirectory directory;
    private final SecretKeyRing keyRing;
    private final String topic;
    private final KafkaClientSettings kafkaSettings;
    private final UrlPolicy urlPolicy;
    private final ConfigVersions versions = new ConfigVersions();
    private final ConfigRefusals refusals;
    private final Counter stale;
    private final Counter applied;
    private final Counter skipped;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;
    /** What ended the reading thread other than a stop: null while it reads (or once it was stopped). */
    private volatile Throwable failure;
    /** A test's way to make the thread fail as an Error would, at its next poll. */
    private volatile Error injectedFailure;

    ConfigTopicReader(WebhookDirectory directory, ConfigRefusals refusals, SecretKeyRing keyRing, DispatcherConfig config,
            KafkaClientSettings kafkaSettings, UrlPolicy urlPolicy, MeterRegistry meters) {
        this.directory = directory;
        this.refusals = refusals;
        this.stale = Counter.builder("statalog.config.messages.stale")
                .description("Configuration messages not applied: older than the entity's state already held").register(meters);
        this.applied = Counter.builder("statalog.config.messages.applied")
                .description("Configuration messages read and applied: loaded, removed or refused").register(meters);
        this.skipped = Counter.builder("statalog.config.messages.skipped")
                .description("Configuration messages that could not be read or applied, skipped (logged with their key)")
                .register(meters);
        this.urlPolicy = urlPolicy;
        this.keyRing = keyRing;
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
        try {
            read();
        } catch (Throwable e) {
            // an Error from the Kafka client or the JVM: this thread is gone, and with it every configuration change
            failure = e;
            LOG.errorf(e, "configuration topic reader ended by %s: no configuration change reaches this replica any more;"
                    + " readiness and liveness are DOWN", e.getClass().getName());
        }
    }

    private void read() {
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

    /** What ended the reading thread, if it was not stopped: the health checks' signal. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Makes the reading thread fail with {@code error} at its next poll, as an Error from the Kafka client would (tests). */
    void failForTest(Error error) {
        injectedFailure = error;
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
            Error injected = injectedFailure;
            if (injected != null) {
                throw injected;
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

    /**
     * Applies one record, or skips it: whatever it throws, Errors included (an AssertionError, a
     * LinkageError or ExceptionInInitializerError met on its path), stays with that record. Only a
     * {@link VirtualMachineError} goes on up and ends the thread, loudly ({@link #run}): the JVM
     * itself is in trouble (an OutOfMemoryError ends the process: -XX:+ExitOnOutOfMemoryError).
     */
    private void apply(ConsumerRecord<String, String> record) {
        String key = record.key();
        try {
            Optional<ConfigKey> entity = ConfigKey.parse(key);
            if (entity.isEmpty()) {
                return;
            }
            if (!versions.newer(key, record.headers())) {
                stale.increment();
                return;
            }
            if (entity.get() instanceof ConfigKey.Site site) {
                applySite(key, site.siteId(), record.value());
            } else if (entity.get() instanceof ConfigKey.Webhook webhook) {
                applyWebhook(key, webhook.id(), record.value());
            }
            applied.increment();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // one bad message must not stop the table: it is skipped and reported (no values: they hold secrets)
            skipped.increment();
            LOG.errorf("configuration record %s at offset %d skipped: %s", key, record.offset(), e.getClass().getSimpleName());
        }
    }

    private void applySite(String key, String siteId, String value) {
        if (value == null) {
            directory.removeSite(siteId);
            refusals.cleared(key);
            return;
        }
        UUID account = ConfigMessages.readSite(value).accountId();
        directory.putSite(siteId, account).ifPresentOrElse(refusal -> refused(key, refusal), () -> refusals.cleared(key));
    }

    private void applyWebhook(String key, UUID id, String value) {
        if (value == null) {
            directory.removeWebhook(id);
            refusals.cleared(key);
            return;
        }
        WebhookState state = ConfigMessages.readWebhook(value);
        Optional<String> oversized = WebhookSize.oversized(state);
        if (oversized.isPresent()) {
            // never built, and what was held for it goes: a webhook must not deliver with an older configuration
            directory.removeWebhook(id);
            refused(key, new Refusal(state.accountId(), Refusal.Reason.OVERSIZED, oversized.get()));
            return;
        }
        directory.putWebhook(webhook(id, state)).ifPresentOrElse(refusal -> refused(key, refusal), () -> refusals.cleared(key));
    }

    /**
     * Reports the refusal, and forgets the entity's version: nothing of a refused entity is kept
     * beyond the bounded report, so a topic of refused entities cannot fill the heap either.
     */
    private void refused(String key, Refusal refusal) {
        versions.forget(key);
        refusals.refused(key, refusal);
    }

    private WebhookConfig webhook(UUID id, WebhookState state) {
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        state.events().forEach(name -> EventType.fromWireName(name).ifPresent(events::add));
        PreviousSecret previous = state.previousSecret();
        Instant previousUntil = previous == null ? null : previous.until();
        SigningKeys previousKeys = previousUntil != null && previousUntil.isAfter(Instant.now()) ? previousKeys(id, previous) : null;
        return new WebhookConfig(id, state.accountId(), state.siteId(), state.url(), urlPolicy.origin(state.url()), events,
                state.spikeThresholdPct(), state.dropThresholdPct(), goals(state.goals()), state.enabled(),
                keyRing.signingKeys(id, state.secret()), previousKeys, previousKeys == null ? null : previousUntil);
    }

    /**
     * The keys of a replaced secret still in its grace period, or null when they cannot be opened
     * (its encryption key already removed from the ring): the webhook is still delivered, signed
     * with its current secret only.
     */
    private SigningKeys previousKeys(UUID id, PreviousSecret previous) {
        try {
            return keyRing.signingKeys(id, previous.sealed());
        } catch (RuntimeException e) {
            LOG.warnf("the replaced signing secret of webhook %s cannot be opened (%s): signing with the current one only", id,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private static GoalFilter goals(Goals goals) {
        return goals == null ? GoalFilter.EVERY_GOAL : new GoalFilter(Set.copyOf(goals.ids()), Set.copyOf(goals.names()));
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
