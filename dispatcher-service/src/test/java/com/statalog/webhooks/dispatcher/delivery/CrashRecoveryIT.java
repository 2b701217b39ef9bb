package com.statalog.webhooks.dispatcher.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.KafkaTestResource;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.ServiceProcess;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * The packaged dispatcher is killed (SIGKILL) in the middle of a batch and started again: every
 * event still reaches the receiver, at least once, counted by its content and by delivery id.
 */
class CrashRecoveryIT {

    private static final int EVENTS = 2_000;
    private static final String SECRET = "whsec_Y3Jhc2gtY3Jhc2gtY3Jhc2gtY3Jhc2gtY3Jhc2gtY3I=";

    @Test
    void noDeliveryIsLostWhenTheDispatcherIsKilledMidBatch() {
        String kafka = KafkaTestResource.bootstrapServers();
        try (Receiver receiver = new Receiver().verifyingWith(SECRET)) {
            // a receiver that takes 25 ms keeps the batch going for seconds: long enough to kill it midway
            receiver.hang("/crash", 25);
            UUID account = UUID.randomUUID();
            String site = "ST-CRASH-" + UUID.randomUUID().toString().substring(0, 6);
            ConfigTopic.site(site, account);
            ConfigTopic.webhook(new ConfigTopic.Webhook(UUID.randomUUID(), account, site, receiver.url("/crash"),
                    List.of("goal.converted"), 50, 50, true, SECRET));

            ServiceProcess first = dispatcher(kafka, "first");
            TestKafkaClient.sendAll("statalog.events", site, IntStream.range(0, EVENTS).mapToObj(i -> goal(site, i)).toList());
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received("/crash").size() >= EVENTS / 4);
            first.kill();
            int beforeCrash = receiver.received("/crash").size();
            assertTrue(beforeCrash < EVENTS, "the kill must come in the middle of the batch");

            try (ServiceProcess second = dispatcher(kafka, "second")) {
                await().atMost(Duration.ofSeconds(120)).until(() -> visitors(receiver).size() == EVENTS);
            }
            List<Receiver.Received> all = receiver.received("/crash");
            Set<String> deliveryIds = all.stream().map(request -> request.header("X-Statalog-Delivery")).collect(Collectors.toSet());
            assertEquals(EVENTS, deliveryIds.size(), "one delivery id per event, the same on a re-delivery");
            assertEquals(all.size(), all.stream().filter(Receiver.Received::signatureValid).count());
            System.out.printf("crash recovery: %d events, %d received before the kill, %d requests in all, %d duplicates (%.2f %%)%n",
                    EVENTS, beforeCrash, all.size(), all.size() - EVENTS, 100.0 * (all.size() - EVENTS) / EVENTS);
        }
    }

    @Test
    void retriesWaitingInKafkaSurviveAKilledDispatcherAndAreNotEarly() {
        int events = 500;
        String kafka = KafkaTestResource.bootstrapServers();
        try (Receiver receiver = new Receiver().verifyingWith(SECRET)) {
            receiver.answerFirst("/retry-crash", events, 503);
            UUID account = UUID.randomUUID();
            String site = "ST-RETRY-" + UUID.randomUUID().toString().substring(0, 6);
            ConfigTopic.site(site, account);
            ConfigTopic.webhook(new ConfigTopic.Webhook(UUID.randomUUID(), account, site, receiver.url("/retry-crash"),
                    List.of("goal.converted"), 50, 50, true, SECRET));

            ServiceProcess first = dispatcher(kafka, "retry-first", "10s,20s");
            TestKafkaClient.sendAll("statalog.events", site, IntStream.range(0, events).mapToObj(i -> goal(site, i)).toList());
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received("/retry-crash").size() >= events);
            first.kill();

            try (ServiceProcess second = dispatcher(kafka, "retry-second", "10s,20s")) {
                await().atMost(Duration.ofSeconds(90)).until(() -> receiver.received("/retry-crash").stream()
                        .map(request -> request.header("X-Statalog-Delivery")).distinct().count() == events
                        && receiver.received("/retry-crash").size() >= 2 * events);
            }
            Map<String, List<Receiver.Received>> byDelivery = receiver.received("/retry-crash").stream()
                    .collect(Collectors.groupingBy(request -> request.header("X-Statalog-Delivery")));
            double maxLateSeconds = 0;
            for (List<Receiver.Received> attempts : byDelivery.values()) {
                double gap = (attempts.get(1).atNanos() - attempts.get(0).atNanos()) / 1e9;
                assertTrue(gap >= 9.9, "a retry came " + gap + " s after the failed attempt, before its 10 s delay");
                maxLateSeconds = Math.max(maxLateSeconds, gap - 10);
            }
            System.out.printf("retries across a crash: %d deliveries, second attempts at most %.2f s after their due time%n",
                    byDelivery.size(), maxLateSeconds);
        }
    }

    private static Set<String> visitors(Receiver receiver) {
        return receiver.received("/crash").stream().map(request -> new String(request.body()))
                .map(body -> body.substring(body.indexOf("anon_"), body.indexOf('"', body.indexOf("anon_"))))
                .collect(Collectors.toSet());
    }

    private static ServiceProcess dispatcher(String kafka, String name) {
        return dispatcher(kafka, name, "60s,120s");
    }

    private static ServiceProcess dispatcher(String kafka, String name, String retryDelays) {
        return ServiceProcess.start(Path.of(System.getProperty("service.jar")),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "STATALOG_SERVICE_TOKEN", "it-service-token",
                        "STATALOG_SECRET_KEYS", "test-new=dGVzdC1rZXktbmV3LXRlc3Qta2V5LW5ldy10ZXN0LWs=",
                        "STATALOG_ALLOW_PRIVATE_TARGETS", "true", "STATALOG_DELIVERY_RETRY_DELAYS", retryDelays),
                List.of(), Path.of("target", "crash-recovery-" + name + ".log"), Duration.ofSeconds(90));
    }

    private static String goal(String site, int i) {
        return "{\"event\":\"goal.converted\",\"site_id\":\"" + site + "\",\"goal\":{\"id\":1,\"name\":\"Signup\"},"
                + "\"monetary_value\":null,\"visitor_id\":\"anon_" + i + "\",\"session_id\":\"s\",\"url\":\"https://example.com/\","
                + "\"timestamp\":\"2025-04-24T14:32:08Z\"}";
    }
}
