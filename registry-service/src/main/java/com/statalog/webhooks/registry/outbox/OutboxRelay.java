package com.statalog.webhooks.registry.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.statalog.webhooks.contracts.KafkaHeaders;
import com.statalog.webhooks.registry.RegistryConfig;

/**
 * Publishes the outbox to the configuration topic in id order, and deletes rows only once Kafka
 * has acknowledged them: a Kafka outage delays the topic but loses nothing. One replica relays at
 * a time (a PostgreSQL advisory lock), so that messages of one key never overtake each other.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant naming the relay's advisory lock. */
    private static final long RELAY_LOCK = 0x5741_4C4F_4752_4C59L;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    /** The entity's version on every configuration message (docs/config-topic.md), in decimal ASCII. */

    private final MutinyEmitter<String> topic;
    private final EntityManager entityManager;
    private final RegistryConfig config;
    private final Counter published;
    /** System.nanoTime() when the batch being relayed started; 0 between batches. */
    private volatile long batchStartedNanos;

    // unbounded here: at most one batch is ever waiting to be sent
    OutboxRelay(@Channel("webhook-config") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> topic, EntityManager entityManager,
            RegistryConfig config, MeterRegistry meters) {
        this.topic = topic;
        this.entityManager = entityManager;
        this.config = config;
        this.published = Counter.builder("statalog.config.messages.published")
                .description("Configuration messages published from the outbox")
                .register(meters);
    }

    // delayed: the first round waits until messaging has connected the emitter at start-up
    @Scheduled(every = "${statalog.outbox.poll-interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            while (timedBatch() == config.outbox().batchSize()) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf("configuration outbox not relayed, will retry: %s", e.getMessage());
        }
    }

    private int timedBatch() {
        batchStartedNanos = System.nanoTime();
        try {
            return relayBatch();
        } finally {
            batchStartedNanos = 0;
        }
    }

    /** How long the batch being relayed has been at it, if one is. */
    Optional<Duration> batchRunningFor() {
        long started = batchStartedNanos;
        return started == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - started));
    }

    /** Publishes one batch; answers how many messages it published. */
    @Transactional
    int relayBatch() {
        boolean locked = (Boolean) entityManager.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK)
                .getSingleResult();
        if (!locked) {
            return 0;
        }
        List<OutboxMessage> batch = OutboxMessage.find("ORDER BY id").page(0, config.outbox().batchSize()).list();
        if (batch.isEmpty()) {
            return 0;
        }
        Uni.join().all(batch.stream().map(this::send).toList()).andFailFast()
                .await().atMost(ACK_TIMEOUT);
        OutboxMessage.delete("id in ?1", batch.stream().map(message -> message.id).toList());
        published.increment(batch.size());
        return batch.size();
    }

    private Uni<Void> send(OutboxMessage message) {
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(message.messageKey);
        if (message.configVersion != null) {
            metadata.withHeaders(new RecordHeaders().add(KafkaHeaders.CONFIG_VERSION,
                    Long.toString(message.configVersion).getBytes(StandardCharsets.US_ASCII)));
        }
        if (message.topic != null) {
            metadata.withTopic(message.topic);
        }
        return topic.sendMessage(Message.of(message.payload).addMetadata(metadata.build()));
    }
}
