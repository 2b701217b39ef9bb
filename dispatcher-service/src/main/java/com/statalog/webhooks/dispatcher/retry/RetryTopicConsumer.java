package com.statalog.webhooks.dispatcher.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.dispatcher.delivery.Deliverer;
import com.statalog.webhooks.dispatcher.delivery.PendingPermits;

/**
 * Reads one retry topic and makes each attempt when it is due, never before. The head record of a
 * partition that is not due yet pauses that partition until its due time (other partitions go
 * on, and nothing spins: the loop sleeps in poll). Due records are attempted concurrently through
 * the same lanes and bounds as first attempts; offsets are committed once they are finished or
 * handed over, so a crash repeats an attempt (same delivery id) and never loses one.
 * <p>
 * A record waits at the head of its partition at most the topic's delay after it was written
 * (every record the schedule writes is due by then). One that is still not due at that point was
 * told to wait longer by a {@code Retry-After}: it goes back to the end of the topic instead of
 * holding up the retries behind it, as many times as its wait needs.
 */
final class RetryTopicConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(RetryTopicConsumer.class);
    /** The longest a due record can wait for its paused partition to be resumed. */
    private static final Duration POLL = Duration.ofMillis(100);
    /** The backlog gauge asks the broker for end offsets: once in a while, not at every poll. */
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(5);

    private final String topic;
    private final Duration delay;
    private final Properties properties;
    private final Deliverer deliverer;
    private final RetryHandoff handoff;
    private final PendingPermits permits;
    private final ObjectMapper json;
    private final DistributionSummary lateness;
    private final Counter requeued;
    private final AtomicLong backlog = new AtomicLong();
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private Instant backlogMeasured = Instant.EPOCH;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;

    RetryTopicConsumer(String topic, Duration delay, Properties properties, Deliverer deliverer, RetryHandoff handoff,
            PendingPermits permits, ObjectMapper json, MeterRegistry meters) {
        this.topic = topic;
        this.delay = delay;
        this.properties = properties;
        this.deliverer = deliverer;
        this.handoff = handoff;
        this.permits = permits;
        this.json = json;
        this.lateness = DistributionSummary.builder("statalog.delivery.retry.lateness").baseUnit("milliseconds")
                .description("How long after its due time a retry was attempted").tag("topic", topic)
                .publishPercentileHistogram().register(meters);
        this.requeued = Counter.builder("statalog.delivery.retry.requeued").tag("topic", topic)
                .description("Retries put back at the end of their topic: a Retry-After asked for a longer wait than the topic's delay")
                .register(meters);
        Gauge.builder("statalog.delivery.retry.backlog", backlog, AtomicLong::get)
                .description("Retries waiting in the topic (records not yet committed)").tag("topic", topic).register(meters);
    }

    @Override
    public void run() {
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(properties, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer = kafka;
                kafka.subscribe(List.of(topic), new ForgetPausesOnRebalance());
                while (running) {
                    process(kafka, kafka.poll(POLL));
                    resumeDue(kafka);
                    measureBacklog(kafka);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("retry consumer of %s failed, starting again from the committed offsets: %s", topic, e.getMessage());
                pausedUntil.clear();
            }
        }
    }

    void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void process(KafkaConsumer<String, String> kafka, ConsumerRecords<String, String> records) {
        Instant now = Instant.now();
        List<CompletableFuture<?>> unfinished = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                RetryRecord retry = parse(record);
                if (retry != null && retry.dueAt().isAfter(now)) {
                    Instant turnOver = Instant.ofEpochMilli(record.timestamp()).plus(delay);
                    if (turnOver.isAfter(now)) {
                        // not due: read it again when it is (or its turn is over), and nothing behind it before
                        kafka.seek(partition, record.offset());
                        kafka.pause(List.of(partition));
                        pausedUntil.put(partition, retry.dueAt().isBefore(turnOver) ? retry.dueAt() : turnOver);
                        break;
                    }
                    unfinished.add(handoff.requeue(topic, retry).toCompletableFuture());
                    requeued.increment();
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    continue;
                }
                if (retry != null) {
                    lateness.record(Duration.between(retry.dueAt(), now).toMillis());
                    unfinished.add(permits.acquire(1).toCompletableFuture()
                            .thenCompose(granted -> deliverer.attempt(retry.delivery()).toCompletableFuture()
                                    .whenComplete((state, failure) -> permits.release(1))));
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!unfinished.isEmpty()) {
            CompletableFuture.allOf(unfinished.toArray(CompletableFuture[]::new)).join();
        }
        if (!done.isEmpty()) {
            kafka.commitSync(done);
        }
    }

    private RetryRecord parse(ConsumerRecord<String, String> record) {
        try {
            return json.readValue(record.value(), RetryRecord.class);
        } catch (Exception e) {
            // not ours to repair, and it must not block the partition: reported and skipped
            LOG.errorf("unreadable retry record on %s-%d at offset %d skipped", topic, record.partition(), record.offset());
            return null;
        }
    }

    private void resumeDue(KafkaConsumer<String, String> kafka) {
        Instant now = Instant.now();
        List<TopicPartition> due = pausedUntil.entrySet().stream().filter(entry -> !entry.getValue().isAfter(now))
                .map(Map.Entry::getKey).toList();
        if (!due.isEmpty()) {
            kafka.resume(due);
            due.forEach(pausedUntil::remove);
        }
    }

    private void measureBacklog(KafkaConsumer<String, String> kafka) {
        Instant now = Instant.now();
        if (now.isBefore(backlogMeasured.plus(BACKLOG_REFRESH))) {
            return;
        }
        backlogMeasured = now;
        var assigned = kafka.assignment();
        if (assigned.isEmpty()) {
            backlog.set(0);
            return;
        }
        Map<TopicPartition, Long> ends = kafka.endOffsets(assigned, Duration.ofSeconds(5));
        long waiting = 0;
        for (TopicPartition partition : assigned) {
            waiting += Math.max(0, ends.get(partition) - kafka.position(partition, Duration.ofSeconds(5)));
        }
        backlog.set(waiting + pausedUntil.size());
    }

    private final class ForgetPausesOnRebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(pausedUntil::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // a newly assigned partition starts from its committed offset and pauses again if its head is not due
        }
    }
}
