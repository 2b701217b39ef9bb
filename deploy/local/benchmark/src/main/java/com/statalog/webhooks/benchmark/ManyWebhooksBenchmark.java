package com.statalog.webhooks.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import com.statalog.webhooks.contracts.Topic;
import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.DispatcherProcess;
import com.statalog.webhooks.testkit.KafkaProcess;
import com.statalog.webhooks.testkit.ServiceProcess;

/**
 * The dispatcher's memory with many webhooks, each holding a small backlog: WEBHOOKS webhooks on
 * HOSTS host names (one loopback receiver answering each request after 200 ms), EVENTS events
 * each, all published at once. Prints the dispatcher's resident memory once the configuration is
 * loaded (the baseline) and at its peak while the backlog drains, its live heap at both, with the lanes, parked and
 * in-flight attempts at their highest, and whether every delivery arrived. Runs its own broker
 * and dispatcher (the packaged jar, heap as in the local stack). Arguments: [WEBHOOKS] [EVENTS]
 * [HOSTS]; run from a module folder (bench/many-webhooks.sh).
 */
public final class ManyWebhooksBenchmark {

    private static final String SECRET = "whsec_bWFueS13ZWJob29rcy1tYW55LXdlYmhvb2tzLW1hbnk=";
    private static final long ANSWER_MS = 200;
    /** Parked attempts at which the live heap is measured once (the pending bound is 10 000). */
    private static final int BACKLOG_SAMPLED_AT = 5_000;

    public static void main(String[] args) throws Exception {
        int webhooks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int hosts = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        HttpServer receiver = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    delivered.add(request.getHeader("X-Statalog-Delivery"));
                    vertx.setTimer(ANSWER_MS, answer -> request.response().setStatusCode(200).end());
                })).listen().toCompletionStage().toCompletableFuture().join();
        Path hostsFile = Files.createTempFile("many-webhooks", ".hosts");
        Files.writeString(hostsFile, IntStream.range(0, hosts).mapToObj(h -> "127.0.0.1 h" + h + ".bench\n").collect(Collectors.joining()));

        try (KafkaProcess kafka = KafkaProcess.startTemporary()) {
            List<String> sites = publishWebhooks(kafka.bootstrapServers(), webhooks, hosts, receiver.actualPort());
            long loadStart = System.nanoTime();
            try (ServiceProcess dispatcher = DispatcherProcess.start(kafka.bootstrapServers(), true,
                    List.of("-Xmx" + System.getProperty("dispatcher.heap", "96m"), "-XX:+UseSerialGC", "-Djdk.net.hosts.file=" + hostsFile), "many-webhooks-dispatcher")) {
                // ready: the configuration topic is read to its end; what the configuration's bounds refused is not delivered
                int loadedWebhooks = (int) dispatcher.metric("statalog_webhooks_loaded");
                print("webhooks", webhooks);
                print("webhooks_loaded", loadedWebhooks);
                print("webhooks_refused", dispatcher.metric("statalog_config_webhooks_refused_total"));
                print("hosts", hosts);
                print("config_load_s", (System.nanoTime() - loadStart) / 1e9);
                DispatcherMemory.Rss loaded = DispatcherMemory.Rss.of(dispatcher.pid());
                print("rss_mb_loaded", loaded.currentMb());
                print("heap_live_mb_loaded", DispatcherMemory.liveHeapMb(dispatcher));

                int expected = loadedWebhooks * events;
                long start = System.nanoTime();
                publishEvents(kafka.bootstrapServers(), sites, events);
                double maxLanes = 0;
                double maxParked = 0;
                double maxInFlight = 0;
                double liveWithBacklog = 0;
                long deadline = start + Duration.ofMinutes(15).toNanos();
                while (delivered.size() < expected && System.nanoTime() < deadline) {
                    maxLanes = Math.max(maxLanes, dispatcher.metric("statalog_delivery_lanes"));
                    maxParked = Math.max(maxParked, dispatcher.metric("statalog_deliveries_parked"));
                    maxInFlight = Math.max(maxInFlight, dispatcher.metric("statalog_deliveries_in_flight"));
                    if (liveWithBacklog == 0 && maxParked >= BACKLOG_SAMPLED_AT) {
                        liveWithBacklog = DispatcherMemory.liveHeapMb(dispatcher);
                    }
                    Thread.sleep(250);
                }
                print("events_per_webhook", events);
                print("deliveries_expected", expected);
                print("deliveries_distinct", delivered.size());
                print("drain_s", (System.nanoTime() - start) / 1e9);
                print("max_lanes", maxLanes);
                print("max_parked", maxParked);
                print("max_in_flight", maxInFlight);
                print("deferred", dispatcher.metric("statalog_deliveries_deferred_total"));
                print("heap_live_mb_with_backlog", liveWithBacklog);
                DispatcherMemory.Rss peak = DispatcherMemory.Rss.of(dispatcher.pid());
                print("rss_mb_peak", peak.peakMb());
                print("rss_peak_to_loaded", peak.peakMb() / loaded.currentMb());
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            Files.deleteIfExists(hostsFile);
        }
    }

    /** One site per webhook, the webhooks spread over the host names; answers the sites. */
    static List<String> publishWebhooks(String bootstrap, int webhooks, int hosts, int port) {
        List<String> sites = new ArrayList<>(webhooks);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(BenchKafka.producerProperties(bootstrap, "20"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < webhooks; i++) {
                UUID account = UUID.randomUUID();
                String site = "many-" + i;
                sites.add(site);
                producer.send(new ProducerRecord<>(ConfigTopic.TOPIC, ConfigKey.site(site), ConfigTopic.siteMessage(site, account)));
                ConfigTopic.Webhook webhook = new ConfigTopic.Webhook(UUID.randomUUID(), account, site,
                        "http://h" + i % hosts + ".bench:" + port + "/hook/" + i, List.of("goal.converted"), 50, 50, true, SECRET);
                producer.send(new ProducerRecord<>(ConfigTopic.TOPIC, ConfigKey.webhook(webhook.id()), ConfigTopic.webhookMessage(webhook)));
            }
            producer.flush();
        }
        return sites;
    }

    static void publishEvents(String bootstrap, List<String> sites, int events) {
        publishEvents(bootstrap, sites, events, 0);
    }

    /** As {@link #publishEvents(String, List, int)}, the share {@code sampled} of the events sent in a sampled trace of the publisher's. */
    static void publishEvents(String bootstrap, List<String> sites, int events, double sampled) {
        HexFormat hex = HexFormat.of();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(BenchKafka.producerProperties(bootstrap, "5"),
                new StringSerializer(), new StringSerializer())) {
            for (int round = 0; round < events; round++) {
                for (String site : sites) {
                    ProducerRecord<String, String> event = new ProducerRecord<>(Topic.EVENTS.topicName(), site,
                            "{\"event\":\"goal.converted\",\"site_id\":\"" + site + "\",\"goal\":{\"id\":17,\"name\":\"Signup\"},"
                                    + "\"monetary_value\":49.00,\"visitor_id\":\"anon_7f3a2c\",\"session_id\":\"many-" + round
                                    + "\",\"url\":\"https://example.com/thank-you\",\"timestamp\":\"2025-04-24T14:32:08Z\"}");
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    if (random.nextDouble() < sampled) {
                        event.headers().add("traceparent", ("00-" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong())
                                + "-" + hex.toHexDigits(random.nextLong() | 1) + "-01").getBytes(StandardCharsets.US_ASCII));
                    }
                    producer.send(event);
                }
            }
            producer.flush();
        }
    }

    private static void print(String key, double value) {
        DispatchBenchmark.print(key, value);
    }
}
