package com.statalog.webhooks.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Semaphore;

import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The least a dispatcher on the JVM does per delivery, run as a process of its own so that the
 * benchmark can read its CPU: a plain Kafka consumer reads each event, Jackson reads its site,
 * the spec's HMAC signs it, a Vert.x client POSTs it with the spec's headers over kept-alive
 * connections (64 per host, as the dispatcher), and a plain Kafka producer with the dispatcher's
 * settings (acks=all, idempotent, lz4, linger 5 ms) publishes an attempt record as JSON with the
 * body. Nothing else: no validation, ordering per webhook, retries, ownership of partitions or
 * metrics, and offsets are committed by the consumer's timer. It is the floor of a delivery made
 * with the dispatcher's libraries on this machine, which the dispatcher's own figure is read
 * against (docs/performance.md).
 * <p>
 * Arguments: BOOTSTRAP EVENTS_TOPIC ATTEMPTS_TOPIC. Standard input: one line per webhook,
 * "SITE_ID URL SECRET", then "end"; it prints "ready" once it holds its partitions, and stops
 * when its standard input closes.
 */
final class BareDispatcher {

    private static final int MAX_PENDING = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    record Hook(String id, String url, SecretKeySpec key) {
    }

    record Attempt(String deliveryId, String webhookId, String event, String siteId, int attempt, String attemptedAt,
            long durationMs, int statusCode, String state, String body) {
    }

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(64));
    private final KafkaProducer<String, String> producer;
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private final Map<String, Hook> hooks;
    private final String attempts;

    private BareDispatcher(String bootstrap, String attempts, Map<String, Hook> hooks) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.attempts = attempts;
        this.hooks = hooks;
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Map<String, Hook> hooks = new HashMap<>();
        for (String line = in.readLine(); line != null && !line.equals("end"); line = in.readLine()) {
            String[] fields = line.split(" ");
            hooks.put(fields[0], new Hook(UUID.nameUUIDFromBytes(fields[1].getBytes(StandardCharsets.UTF_8)).toString(),
                    fields[1], SpecSignature.key(fields[2])));
        }
        BareDispatcher dispatcher = new BareDispatcher(args[0], args[2], hooks);
        Thread consumer = new Thread(() -> dispatcher.consume(args[0], args[1]), "bare-consumer");
        consumer.start();
        while (in.readLine() != null) {
            // until the benchmark closes our standard input
        }
        consumer.interrupt();
        consumer.join();
        dispatcher.producer.close();
        dispatcher.vertx.close();
    }

    private void consume(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-bare-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    System.out.println("ready");
                    System.out.flush();
                }
            });
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    pending.acquireUninterruptibly();
                    deliver(record);
                }
            }
        } catch (InterruptException stopped) {
            // the benchmark is done with us
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        Hook hook;
        try {
            hook = hooks.get(JSON.readTree(record.value()).get("site_id").asText());
        } catch (Exception unreadable) {
            hook = null;
        }
        if (hook == null) {
            pending.release();
            return;
        }
        Hook webhook = hook;
        String deliveryId = UUID.nameUUIDFromBytes((record.topic() + '/' + record.partition() + '/' + record.offset() + '/' + webhook.id())
                .getBytes(StandardCharsets.UTF_8)).toString();
        Instant at = Instant.now();
        long started = System.nanoTime();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(webhook.url())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Statalog-Webhooks/bare")
                .putHeader("X-Statalog-Event", "goal.converted")
                .putHeader("X-Statalog-Delivery", deliveryId)
                .putHeader("X-Statalog-Signature", SpecSignature.of(webhook.key(), record.value()));
        http.request(request)
                .compose(outgoing -> outgoing.send(Buffer.buffer(record.value())))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onComplete(answered -> {
                    int status = answered.succeeded() ? answered.result() : 0;
                    String value;
                    try {
                        value = JSON.writeValueAsString(new Attempt(deliveryId, webhook.id(), "goal.converted", record.key(), 1,
                                at.toString(), (System.nanoTime() - started) / 1_000_000, status, status == 200 ? "delivered" : "retrying",
                                new String(record.value(), StandardCharsets.UTF_8)));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    producer.send(new ProducerRecord<>(attempts, webhook.id(), value), (metadata, failure) -> pending.release());
                });
    }
}
