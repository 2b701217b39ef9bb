package com.statalog.webhooks.anomaly.visitors;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Reads statalog.pageviews a poll at a time. Invalid records go to the dead-letter topic with a
 * {@code dead-letter-reason} header; valid ones are counted in one statement. The batch is
 * acknowledged (and its offsets committed) only after both are done. While PostgreSQL is down the
 * batch is retried, so the partition waits rather than losing pageviews.
 */
@Startup // so that its counters exist from the start, before the first record
@ApplicationScoped
public class PageviewConsumer {

    private final PageviewParser parser;
    private final VisitorCounter counter;
    private final MutinyEmitter<byte[]> deadLetters;
    private final MeterRegistry meters;
    private final Counter counted;

    PageviewConsumer(PageviewParser parser, VisitorCounter counter,
            @Channel("pageviews-dead-letter") MutinyEmitter<byte[]> deadLetters, MeterRegistry meters) {
        this.parser = parser;
        this.counter = counter;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.counted = Counter.builder("statalog.pageviews.counted").description("Valid pageviews counted").register(meters);
        // every reason's series exists from the start at 0: an alert on its increase sees the first dead letter
        InvalidPageviewException.KINDS.forEach(kind -> meters.counter("statalog.pageviews.dead.lettered", "reason", kind));
    }

    // unordered: counting is idempotent and commutative, so the next batch may be written while this one is
    @Incoming("pageviews")
    @Blocking(ordered = false)
    public void consume(ConsumerRecords<String, byte[]> records) throws SQLException {
        List<Pageview> valid = new ArrayList<>(records.count());
        List<Uni<Void>> deadLettered = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                valid.add(parser.parse(record.key(), record.value()));
            } catch (InvalidPageviewException invalid) {
                meters.counter("statalog.pageviews.dead.lettered", "reason", invalid.kind()).increment();
                deadLettered.add(deadLetter(record, invalid.getMessage()));
            }
        }
        if (!deadLettered.isEmpty()) {
            Uni.join().all(deadLettered).andFailFast().await().atMost(Duration.ofSeconds(60));
        }
        counter.count(valid);
        counted.increment(valid.size());
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return deadLetters.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build()));
    }
}
