package com.statalog.webhooks.dispatcher.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
import io.opentelemetry.context.Context;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.dispatcher.delivery.Deliverer;
import com.statalog.webhooks.dispatcher.delivery.DeliveryTraces;
import com.statalog.webhooks.dispatcher.delivery.PendingPermits;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;

/**
 * Reads one retry topic and makes each attempt when it is due, never before, and without waiting
 * for any other attempt: a due retry starts when it is read, whatever else is in its topic,
 * partition or poll (a hanging endpoint's attempts run beside it in their own lane). The head
 * record of a partition that is not due yet pauses that partition until its due time (other
 * partitions go on; the poll sleeps until the next one is due). Due records are attempted
 * concurrently through the same lanes and bounds as first attempts. The poll loop never waits
 * for an attempt, so no endpoint can make it exceed {@code max.poll.interval.ms}; it commits, per
 * partition, only up to the first attempt not yet finished or handed over ({@link PartitionProgress}),
 * so a crash repeats an attempt (same delivery id) and never loses one. When more than the
 * pending bound is unfinished, reading pauses until half of it has finished.
 * <p>
 * A record waits at the head of its partition at most the topic's delay after it was written
 * (every record the schedule writes is due by then). One that is still not due at that point was
 * told to wait longer by a {@code Retry-After}: it goes back to the end of the topic instead of
 * holding up the retries behind it, as many times as its wait needs.
 */
final class RetryTopicConsumer implements Runnable {

    private static final Logger LOG = Logger.getLogger(RetryTopicConsumer.class);
    /** The longest one poll waits for records; shorter when a paused partition comes due sooner. */
    private static final Duration MAX_POLL = Duration.ofMillis(100);
    /** The backlog gauge asks the broker for end offsets: once in a while, not at every poll. */
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(5);

    private final String topic;
    private final Duration delay;
    private final Properties properties;
    private final Deliverer deliverer;
    private final RetryHandoff handoff;
    private final PendingPermits permits;
    private final WebhookDirectory directory;
    private final int maxUnfinished;
    private final DeliveryTraces traces;
    private final ObjectMapper json;
    private final DistributionSummary lateness;
    private final Counter requeued;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private boolean full;
    private Instant backlogMeasured = Instant.EPOCH;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;
    /** When a poll last returned (null: not yet), and whether the loop has ended: what readiness judges. */
    private volatile Instant lastPoll;
    private volatile boolean ended;
    /** What ended the loop other than a stop (an Error it cannot start over from); null otherwise. */
    private volatile Throwable ending;
    /** A test's way to make the loop fail as an Error would, after its next poll. */
    private volatile Error injectedFailure;

    RetryTopicConsumer(String topic, Duration delay, Properties properties, Deliverer deliverer, RetryHandoff handoff,
            PendingPermits permits, WebhookDirectory directory, int maxUnfinished, DeliveryTraces traces, ObjectMapper json,
            MeterRegistry meters) {
        this.topic = topic;
        this.delay = delay;
        this.properties = properties;
        this.deliverer = deliverer;
        this.handoff = handoff;
        this.permits = permits;
        this.directory = directory;
        this.maxUnfinished = maxUnfinished;
        this.traces = traces;
        this.json = json;
        this.lateness = DistributionSummary.builder("statalog.delivery.retry.lateness").baseUnit("milliseconds")
                .description("How long after its due time a retry was attempted").tag("topic", topic)
                .publishPercentileHistogram().register(meters);
        this.requeued = Counter.builder("statalog.delivery.retry.requeued").tag("topic", topic)
                .description("Retries put back at the end of their topic: a Retry-After asked for a longer wait than the topic's delay")
                .register(meters);
        Gauge.builder("statalog.delivery.retry.backlog", backlog, AtomicLong::get)
                .description("Retries waiting in the topic (records not yet committed)").tag("topic", topic).register(meters);
        Gauge.builder("statalog.delivery.retry.unfinished", unfinished, AtomicInteger::get)
                .description("Retries read and being attempted or handed over, not yet committed").tag("topic", topic)
                .register(meters);
    }

    @Override
    public void run() {
        try {
            consume();
        } catch (Throwable e) {
            // never silent: liveness and readiness go DOWN, and Kubernetes restarts the pod
            ending = e;
            LOG.errorf(e, "retry consumer of %s ended by %s: its retries wait until this replica is restarted;"
                    + " readiness and liveness are DOWN", topic, e.getClass().getName());
        } finally {
            ended = true;
        }
    }

    private void consume() {
        while (running) {
            try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(properties, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer = kafka;
                kafka.subscribe(List.of(topic), new CommitOnRevocation(kafka));
                follow(kafka);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("retry consumer of %s failed, starting again from the committed offsets: %s", topic, e.getMessage());
                pausedUntil.clear();
                progress.values().forEach(PartitionProgress::revoke);
                progress.clear();
                full = false;
            }
        }
    }

    private void follow(KafkaConsumer<String, String> kafka) {
        try {
            while (running) {
                ConsumerRecords<String, String> records = kafka.poll(pollTimeout());
                lastPoll = Instant.now();
                Error injected = injectedFailure;
                if (injected != null) {
                    throw injected;
                }
                process(kafka, records);
                Throwable failed = failure.getAndSet(null);
                if (failed != null) {
                    // an attempt that could not be recorded or handed over is made again from the committed offset
                    throw new IllegalStateException("an attempt could not be handed over: " + failed.getMessage(), failed);
                }
                commitFinished(kafka);
                holdBackWhenFull(kafka);
                resumeDue(kafka);
                measureBacklog(kafka);
            }
        } catch (WakeupException e) {
            // stopping: what is finished is committed, the rest is left to the next owner
            commitFinished(kafka, true);
        }
    }

    String topic() {
        return topic;
    }

    /** When a poll last returned; empty before the first. */
    Optional<Instant> lastPoll() {
        return Optional.ofNullable(lastPoll);
    }

    /** Whether the consuming loop has ended: stopped, or died of an error it could not start over from. */
    boolean ended() {
        return ended;
    }

    /** What ended the loop, when it was not stopped. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(ending);
    }

    /** Makes the loop fail with {@code error} after its next poll, as an Error from the Kafka client would (tests). */
    void failForTest(Error error) {
        injectedFailure = error;
    }

    void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private Duration pollTimeout() {
        Instant now = Instant.now();
        Duration wait = MAX_POLL;
        if (!full) {
            for (Instant due : pausedUntil.values()) {
                Duration untilDue = Duration.between(now, due);
                if (untilDue.compareTo(wait) < 0) {
                    wait = untilDue.isNegative() ? Duration.ZERO : untilDue;
                }
            }
        }
        return wait;
    }

    private void process(KafkaConsumer<String, String> kafka, ConsumerRecords<String, String> records) {
        Instant now = Instant.now();
        for (TopicPartition partition : records.partitions()) {
            PartitionProgress taken = progress.computeIfAbsent(partition, p -> new PartitionProgress());
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                RetryRecord retry = parse(record);
                if (retry == null) {
                    taken.passed(record.offset());
                    continue;
                }
                if (retry.dueAt().isAfter(now)) {
                    Instant turnOver = Instant.ofEpochMilli(record.timestamp()).plus(delay);
                    if (turnOver.isAfter(now)) {
                        // not due: read it again when it is (or its turn is over), and nothing behind it before
                        kafka.seek(partition, record.offset());
                        kafka.pause(List.of(partition));
                        pausedUntil.put(partition, retry.dueAt().isBefore(turnOver) ? retry.dueAt() : turnOver);
                        break;
                    }
                    requeued.increment();
                    track(taken, record.offset(), handoff.requeue(topic, retry, traces.continued(record.headers(), topic)));
                    continue;
                }
                lateness.record(Duration.between(retry.dueAt(), now).toMillis());
                Context trace = traces.continued(record.headers(), topic);
                // nothing is attempted against a half-loaded configuration: a webhook not loaded yet would look deleted
                // and its retry be cancelled (seen when a restarted replica took over retries before it had read the topic)
                track(taken, record.offset(), directory.caughtUp().thenCompose(loaded -> permits.acquire(1))
                        .thenCompose(granted -> deliverer.attempt(retry.delivery(), trace, taken::held)
                                .whenComplete((state, failed) -> permits.release(1))));
            }
        }
    }

    /** Counts the record as unfinished until its attempt (or requeue) completes; a failure restarts the consumer. */
    private void track(PartitionProgress taken, long offset, CompletionStage<?> work) {
        taken.taken(offset);
        unfinished.incrementAndGet();
        work.whenComplete((done, failed) -> {
            if (failed != null) {
                failure.compareAndSet(null, failed);
            } else {
                taken.finished(offset);
            }
            unfinished.decrementAndGet();
        });
    }

    private void commitFinished(KafkaConsumer<String, String> kafka) {
        commitFinished(kafka, false);
    }

    private void commitFinished(KafkaConsumer<String, String> kafka, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        progress.forEach((partition, taken) -> taken.toCommit().ifPresent(offset -> offsets.put(partition, new OffsetAndMetadata(offset))));
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            kafka.commitSync(offsets);
            return;
        }
        kafka.commitAsync(offsets, (committed, error) -> {
            if (error != null) {
                LOG.debugf("commit of %s failed, tried again with the next one: %s", topic, error.getMessage());
                committed.keySet().forEach(partition -> {
                    PartitionProgress taken = progress.get(partition);
                    if (taken != null) {
                        taken.commitFailed();
                    }
                });
            }
        });
    }

    /** Stops reading while more than the pending bound is unfinished; resumes once half of it has finished. */
    private void holdBackWhenFull(KafkaConsumer<String, String> kafka) {
        int now = unfinished.get();
        if (now >= maxUnfinished) {
            full = true;
            kafka.pause(kafka.assignment());
        } else if (full && now <= maxUnfinished / 2) {
            full = false;
            List<TopicPartition> resumable = kafka.assignment().stream().filter(partition -> !pausedUntil.containsKey(partition)).toList();
            kafka.resume(resumable);
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
            due.forEach(pausedUntil::remove);
            if (!full) {
                kafka.resume(due);
            }
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

    /**
     * Commits what is finished of the partitions taken away, before their new owner reads them,
     * and leaves their attempts not started yet to it; a partition lost with the session is not
     * ours to commit.
     */
    private final class CommitOnRevocation implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> kafka;

        CommitOnRevocation(KafkaConsumer<String, String> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (TopicPartition partition : partitions) {
                PartitionProgress taken = progress.get(partition);
                if (taken != null) {
                    taken.toCommit().ifPresent(offset -> offsets.put(partition, new OffsetAndMetadata(offset)));
                }
            }
            if (!offsets.isEmpty()) {
                kafka.commitSync(offsets);
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // a newly assigned partition starts from its committed offset and pauses again if its head is not due
        }

        private void forget(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                pausedUntil.remove(partition);
                PartitionProgress taken = progress.remove(partition);
                if (taken != null) {
                    taken.revoke();
                }
            }
        }
    }
}
